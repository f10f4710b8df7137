using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Engine.Coordination;

/// <summary>
/// One coordination cycle of a whole district in one process: solve every subsystem, then Algorithm 1 re-solving the
/// tightened ones directly. The reference that the actor implementation is tested against, and a tool for scripts.
/// </summary>
public static class LocalCoordinator
{
    public static async ValueTask<CoordinationOutcome> RunAsync(District district, MpcOptions? options = null, CoordinationRule rule = CoordinationRule.Allowance)
    {
        ArgumentNullException.ThrowIfNull(district);
        var initial = DistrictSolver.SolveAll(district, options);
        var final = initial.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var subsystems = district.Subsystems.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var participants = district.Subsystems.Select((s, k) => Participant(s, initial[k])).ToList();

        var report = await Algorithm1.RunAsync(district.StepHours, district.HorizonSteps, Limits(district), participants, (participant, tightened) =>
        {
            var subsystem = subsystems[participant.Id];
            foreach (var (resource, max) in tightened) subsystem = subsystem.WithResourceMax(resource, Series.Of(max));
            var result = SubsystemSolver.Solve(district, subsystem, options);
            if (!result.HasPlan)
                return ValueTask.FromResult(new ResolvedPlan(false, participant.DrawKw, $"kept its last feasible plan: {Reason(result)}"));
            final[participant.Id] = result;
            return ValueTask.FromResult(new ResolvedPlan(true, result.DrawKw));
        }, rule);

        return new CoordinationOutcome(report, district.Subsystems.Select(s => final[s.Id]).ToList(), initial);
    }

    /// <summary>A subsystem and its plan as Algorithm 1 sees them.</summary>
    /// <remarks>Without a plan the subsystem counts as drawing its Pmax (<see cref="PeakKw"/>).</remarks>
    public static CoordinationParticipant Participant(Subsystem subsystem, SubsystemResult plan) =>
        new(subsystem.Id, subsystem.Priority,
            subsystem.Resources.ToDictionary(r => r.Key, r => (IReadOnlyList<double>)r.Value.Min.ToArray(), StringComparer.Ordinal),
            plan.DrawKw, plan.HasPlan)
        {
            MaxKw = subsystem.Resources.ToDictionary(r => r.Key, r => (IReadOnlyList<double>)r.Value.Max.ToArray(), StringComparer.Ordinal),
            NoPlanDrawKw = PeakKw(subsystem),
        };

    /// <summary>The most a subsystem can draw of each resource per step, kW: min(Pmax, Σ tech^max) (eqs. 3, 5).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> PeakKw(Subsystem subsystem)
    {
        ArgumentNullException.ThrowIfNull(subsystem);
        var peak = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var p in subsystem.DrawnResources)
        {
            var conversions = subsystem.Supplies.SelectMany(s => s.Conversions).Where(c => c.Resource == p).ToList();
            var steps = conversions[0].Max.Count;
            peak[p] = Enumerable.Range(0, steps).Select(i =>
            {
                var supplies = conversions.Sum(c => c.Max[i]);
                return subsystem.Resources.TryGetValue(p, out var bounds) ? Math.Min(bounds.Max[i], supplies) : supplies;
            }).ToArray();
        }

        return peak;
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Limits(District district) =>
        district.DistrictLimits.ToDictionary(l => l.Key, l => (IReadOnlyList<double>)l.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Why a re-solve was refused, in words.</summary>
    public static string Reason(SubsystemResult result) =>
        result.Infeasibility.Count > 0
            ? $"{result.Status.ToString().ToLowerInvariant()} under the tightened limits ({string.Join("; ", result.Infeasibility.Select(f => f.Message))})"
            : $"{result.Status.ToString().ToLowerInvariant()} under the tightened limits{(result.Message is null ? "" : $" ({result.Message})")}";
}

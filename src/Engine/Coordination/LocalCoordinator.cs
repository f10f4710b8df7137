using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Engine.Coordination;

/// <summary>
/// One coordination cycle of a whole district in one process: solve every subsystem, then Algorithm 1 on the district's
/// grid (<see cref="LimitTree.Of"/> of <see cref="District.Grid"/>, each subsystem at its <see cref="Subsystem.Node"/>)
/// re-solving the tightened ones directly (with the horizon fallback of <see cref="Algorithm1.RunCappedAsync"/>, as the grains run it).
/// The reference that the actor implementation is tested against, and a tool for scripts.
/// With <c>coordination.riskLevel</c> every node's import limit is lowered by its risk margin (<see cref="RiskMargin"/>)
/// and the cycle is also run without it, to report the margin's cost (<see cref="CoordinationReport.Risk"/>).
/// Subsystems that export take part with their exports: node totals count net draws, and a node's <c>exportMax</c> is
/// held by capping the exports of the subsystems below it (<see cref="Algorithm1.RunCappedAsync"/>).
/// </summary>
public static class LocalCoordinator
{
    /// <summary>Mode "priority": one re-solve at a time.</summary>
    public static async ValueTask<CoordinationOutcome> RunAsync(District district, MpcOptions? options = null, CoordinationRule rule = CoordinationRule.Allowance)
    {
        ArgumentNullException.ThrowIfNull(district);
        return await WithRiskMargin(district, d => RunPlainAsync(d, options, rule));
    }

    /// <summary>
    /// With <c>coordination.riskLevel</c>: <paramref name="run"/> on the district with every node's import limit lowered
    /// by its margin (<see cref="RiskMargin.Lower"/>), its report restated against the DSO's own limits, and the same
    /// <paramref name="run"/> without the margin to measure the margin's cost (<see cref="CoordinationReport.Risk"/>).
    /// Without a risk level: <paramref name="run"/> on the district as it is.
    /// </summary>
    public static async ValueTask<CoordinationOutcome> WithRiskMargin(District district, Func<District, ValueTask<CoordinationOutcome>> run)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(run);
        var (planning, margins) = RiskMargin.Lower(district);
        if (margins is null) return await run(district);
        var with = await run(planning);
        var without = await run(RiskMargin.WithoutMargin(district));
        var (report, shortfall) = RiskMargin.AgainstLimits(with.Report, LimitTree.Of(district.Grid), district.StepHours);
        var risk = new RiskMarginReport(margins.RiskLevel, margins.Z, margins.MarginKw,
            margins.PlanningLimits.NodeIds.Select((id, n) => (id, n)).ToDictionary(x => x.id, x => margins.PlanningLimits.ImportMaxKw[x.n], StringComparer.Ordinal),
            shortfall, margins.Warnings,
            with.Final.Sum(p => p.Objective), without.Final.Sum(p => p.Objective),
            RiskMargin.FactorTotals(with.Final), RiskMargin.FactorTotals(without.Final));
        return with with { Report = report with { Risk = risk } };
    }

    private static async ValueTask<CoordinationOutcome> RunPlainAsync(District district, MpcOptions? options, CoordinationRule rule)
    {
        var initial = DistrictSolver.SolveAll(district, options);
        var subsystems = district.Subsystems.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var participants = district.Subsystems.Select((s, k) => Participant(s, initial[k])).ToList();
        var results = new Dictionary<ResolvedPlan, SubsystemResult>(ReferenceEqualityComparer.Instance);

        var report = await Algorithm1.RunCappedAsync(district.StepHours, district.HorizonSteps, LimitTree.Of(district.Grid), participants, (participant, caps) =>
        {
            var (plan, result) = Resolve(district, subsystems[participant.Id], participant, caps, options);
            results[plan] = result;
            return ValueTask.FromResult(plan);
        }, rule, horizonFallback: true);

        return Outcome(district, report, initial, results);
    }

    /// <summary>
    /// Mode "priority-parallel": the result of <see cref="RunAsync"/> with the re-solves made in batches of at most
    /// <paramref name="batchSize"/> (default <see cref="Environment.ProcessorCount"/>), each batch solved with
    /// <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
    /// on at most <see cref="Environment.ProcessorCount"/> threads (<see cref="Algorithm1.RunParallelAsync"/>). Subsystems
    /// whose model has no integer variable are marked <see cref="CoordinationParticipant.Convex"/>.
    /// </summary>
    public static async ValueTask<CoordinationOutcome> RunParallelAsync(District district, int? batchSize = null, MpcOptions? options = null, CoordinationRule rule = CoordinationRule.Allowance)
    {
        ArgumentNullException.ThrowIfNull(district);
        return await WithRiskMargin(district, d => RunParallelPlainAsync(d, batchSize, options, rule));
    }

    private static async ValueTask<CoordinationOutcome> RunParallelPlainAsync(District district, int? batchSize, MpcOptions? options, CoordinationRule rule)
    {
        var initial = DistrictSolver.SolveAll(district, options);
        var subsystems = district.Subsystems.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var participants = district.Subsystems.Select((s, k) => Participant(s, initial[k]) with { Convex = IsConvex(s) }).ToList();
        var results = new System.Collections.Concurrent.ConcurrentDictionary<ResolvedPlan, SubsystemResult>(ReferenceEqualityComparer.Instance);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };

        var report = await Algorithm1.RunParallelCappedAsync(district.StepHours, district.HorizonSteps, LimitTree.Of(district.Grid), participants, async requests =>
        {
            var plans = new ResolvedPlan[requests.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), parallel, (j, _) =>
            {
                var (participant, caps) = requests[j];
                var (plan, result) = Resolve(district, subsystems[participant.Id], participant, caps, options);
                results[plan] = result;
                plans[j] = plan;
                return ValueTask.CompletedTask;
            });
            return plans;
        }, batchSize ?? Environment.ProcessorCount, rule, horizonFallback: true);

        return Outcome(district, report, initial, results);
    }

    /// <summary>
    /// True when the subsystem's model is an LP, so its re-solve is a convex program answered with an optimum: no supply
    /// with unit commitment and no exclusive store, the only sources of integer variables in <see cref="SubsystemModelBuilder"/>.
    /// </summary>
    public static bool IsConvex(Subsystem subsystem)
    {
        ArgumentNullException.ThrowIfNull(subsystem);
        return subsystem.Supplies.All(s => s.Commitment is null) && subsystem.Stores.All(s => !s.Exclusive);
    }

    private static (ResolvedPlan Plan, SubsystemResult Result) Resolve(
        District district, Subsystem subsystem, CoordinationParticipant participant, TightenedCaps caps, MpcOptions? options)
    {
        foreach (var (resource, max) in caps.ImportMaxKw) subsystem = subsystem.WithResourceMax(resource, Series.Of(max));
        foreach (var (resource, max) in caps.ExportMaxKw) subsystem = subsystem.WithExportCap(resource, Series.Of(max));
        var result = SubsystemSolver.Solve(district, subsystem, options);
        return result.HasPlan
            ? (new ResolvedPlan(true, result.DrawKw) { ExportKw = result.ExportKw }, result)
            : (new ResolvedPlan(false, participant.DrawKw, $"kept its last feasible plan: {Reason(result)}") { ExportKw = participant.ExportKw }, result);
    }

    /// <summary>Each subsystem's final plan: the re-solve whose answer Algorithm 1 accepted, else its initial plan.</summary>
    private static CoordinationOutcome Outcome(District district, CoordinationReport report, IReadOnlyList<SubsystemResult> initial, IReadOnlyDictionary<ResolvedPlan, SubsystemResult> results)
    {
        var final = district.Subsystems.Select((s, k) => (s.Id, initial[k])).ToDictionary(p => p.Id, p => p.Item2, StringComparer.Ordinal);
        foreach (var outcome in report.Participants)
        {
            if (outcome is { Accepted: true, Plan: { } plan }) final[outcome.Id] = results[plan];
        }

        return new CoordinationOutcome(report, district.Subsystems.Select(s => final[s.Id]).ToList(), initial);
    }

    /// <summary>A subsystem and its plan as Algorithm 1 sees them, its exports included.</summary>
    /// <remarks>Without a plan the subsystem counts as drawing its Pmax (<see cref="PeakKw"/>) and exporting nothing.</remarks>
    public static CoordinationParticipant Participant(Subsystem subsystem, SubsystemResult plan) =>
        new(subsystem.Id, subsystem.Priority,
            subsystem.Resources.ToDictionary(r => r.Key, r => (IReadOnlyList<double>)r.Value.Min.ToArray(), StringComparer.Ordinal),
            plan.DrawKw, plan.HasPlan)
        {
            MaxKw = subsystem.Resources.ToDictionary(r => r.Key, r => (IReadOnlyList<double>)r.Value.Max.ToArray(), StringComparer.Ordinal),
            NoPlanDrawKw = PeakKw(subsystem),
            Node = subsystem.Node,
            ExportKw = plan.ExportKw,
            ExportMinKw = ExportSum(subsystem, x => x.Min),
            ExportMaxKw = ExportSum(subsystem, x => x.Max),
            UncertaintyKw = subsystem.UncertaintyKw.ToDictionary(u => u.Key, u => (IReadOnlyList<double>)u.Value.ToArray(), StringComparer.Ordinal),
        };

    /// <summary>Σ of a bound of the subsystem's exports per resource fed and step, kW.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<double>> ExportSum(Subsystem subsystem, Func<GridExport, Series> bound)
    {
        var sums = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var group in subsystem.Exports.GroupBy(x => x.Resource, StringComparer.Ordinal))
        {
            var steps = bound(group.First()).Count;
            sums[group.Key] = Enumerable.Range(0, steps).Select(i => group.Sum(x => bound(x)[i])).ToArray();
        }

        return sums;
    }

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

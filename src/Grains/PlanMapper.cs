using Sems.Contracts;
using Sems.Engine.Horizon;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Reporting;

namespace Sems.Grains;

/// <summary>Maps an engine result to the plan a subsystem reports on the wire.</summary>
public static class PlanMapper
{
    public static SubsystemPlan ToWire(int steps, Subsystem subsystem, SubsystemResult result, int cycle, DateTimeOffset start, string initialState, int version)
    {
        ArgumentNullException.ThrowIfNull(subsystem);
        ArgumentNullException.ThrowIfNull(result);
        var terms = result.Terms is { } t
            ? new PlanTerms(t.Energy, t.Storage, t.Comfort, new Dictionary<string, double>(t.ByFactor), t.StartCosts) { ExportValueByFactor = new Dictionary<string, double>(t.ExportValueByFactor) }
            : null;
        return new SubsystemPlan(
            subsystem.Id, subsystem.Priority, cycle, start, ResultJson.StatusName(result.Status), result.HasPlan, result.HasPlan,
            result.Objective, terms,
            result.DrawKw.ToDictionary(d => d.Key, d => d.Value.ToArray(), StringComparer.Ordinal),
            MinKw(subsystem, steps),
            result.HasPlan ? null : Describe(result),
            result.SolveTime.TotalMilliseconds,
            FirstStepSetpoints.From(subsystem, result),
            initialState,
            subsystem.Resources.ToDictionary(r => r.Key, r => r.Value.Max.ToArray(), StringComparer.Ordinal),
            version)
        {
            ExportKw = result.ExportKw.ToDictionary(d => d.Key, d => d.Value.ToArray(), StringComparer.Ordinal),
            ExportMinKw = ExportSum(subsystem, x => x.Min, steps),
            ExportMaxKw = ExportSum(subsystem, x => x.Max, steps),
            UncertaintyKw = subsystem.UncertaintyKw.ToDictionary(u => u.Key, u => u.Value.ToArray(), StringComparer.Ordinal),
        };
    }

    /// <summary>Σ of a bound of the subsystem's exports per resource fed and step, kW (empty when it exports nothing).</summary>
    public static IReadOnlyDictionary<string, double[]> ExportSum(Subsystem subsystem, Func<GridExport, Series> bound, int steps)
    {
        ArgumentNullException.ThrowIfNull(subsystem);
        ArgumentNullException.ThrowIfNull(bound);
        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var export in subsystem.Exports)
        {
            if (!sums.TryGetValue(export.Resource, out var sum)) sums[export.Resource] = sum = new double[steps];
            var values = bound(export);
            for (var i = 0; i < steps && i < values.Count; i++) sum[i] += values[i];
        }

        return sums;
    }

    /// <summary>Pmin per resource the subsystem draws (0 where it sets none): the floor of Algorithm 1.</summary>
    public static IReadOnlyDictionary<string, double[]> MinKw(Subsystem subsystem, int steps) =>
        subsystem.DrawnResources.ToDictionary(p => p, p => subsystem.Resources.TryGetValue(p, out var bounds) ? bounds.Min.ToArray() : new double[steps], StringComparer.Ordinal);

    /// <summary>Why a solve gave no plan, in words.</summary>
    public static string Describe(SubsystemResult result) =>
        result.Infeasibility.Count > 0
            ? $"{ResultJson.StatusName(result.Status)}: {string.Join("; ", result.Infeasibility.Select(f => f.Message))}"
            : $"{ResultJson.StatusName(result.Status)}{(result.Message is null ? "" : $": {result.Message}")}";

    /// <summary>The held plan moved on to a later cycle: draws and exports shifted left by the cycles elapsed (last value repeated).</summary>
    public static SubsystemPlan Held(SubsystemPlan feasible, int cycle, string status, string note)
    {
        var shift = Math.Max(0, cycle - feasible.Cycle);
        double[] Shift(double[] values) => values.Select((_, i) => values[Math.Min(i + shift, values.Length - 1)]).ToArray();
        return feasible with
        {
            Cycle = cycle,
            Status = status,
            Accepted = false,
            DrawKw = feasible.DrawKw.ToDictionary(d => d.Key, d => Shift(d.Value), StringComparer.Ordinal),
            ExportKw = feasible.ExportKw.ToDictionary(d => d.Key, d => Shift(d.Value), StringComparer.Ordinal),
            Note = note,
            // Set-points of a plan from an earlier cycle are not renewed: assets keep the ones they have.
            FirstStep = shift == 0 ? feasible.FirstStep : new Dictionary<string, IReadOnlyDictionary<string, double>>(),
        };
    }
}

namespace Sems.Engine.Coordination.Economic;

/// <summary>
/// What one cycle of economic coordination hands the next: the final prices of every node's limits, and the final
/// plan of each participant (its blended allocation's repair). The caller keeps it and passes it, shifted to the next
/// cycle's horizon, to the next run.
/// </summary>
/// <param name="PricePerKwh">Per node (<see cref="LimitTree"/> id): resource → price per step, currency/kWh.</param>
/// <param name="DrawKw">Per participant id: its final draw per resource and step, kW.</param>
public sealed record EconomicWarmStart(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> PricePerKwh,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> DrawKw)
{
    /// <summary>Every series started <paramref name="steps"/> later, the last value repeated to keep the length: the next cycle's start.</summary>
    public EconomicWarmStart Shift(int steps = 1)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps: must be ≥ 0");
        return new EconomicWarmStart(ShiftAll(PricePerKwh, steps), ShiftAll(DrawKw, steps));
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> ShiftAll(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> values, int steps) =>
        values.ToDictionary(v => v.Key, v => (IReadOnlyDictionary<string, IReadOnlyList<double>>)v.Value.ToDictionary(
            r => r.Key, r => (IReadOnlyList<double>)Enumerable.Range(steps, r.Value.Count).Select(i => r.Value[Math.Min(i, r.Value.Count - 1)]).ToArray(),
            StringComparer.Ordinal), StringComparer.Ordinal);
}

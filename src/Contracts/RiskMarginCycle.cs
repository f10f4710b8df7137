namespace Sems.Contracts;

/// <summary>
/// The risk margin of one coordination cycle (district file: <c>coordination.riskLevel</c>): per grid node and resource
/// the margin z(p)·√(Σ σ²) over the subsystems below the node (independent errors), the limit the plan was held to
/// (importMax − margin, never below 0 kW), how far the plan stayed above it, and the cost of the margin: the coordinated
/// plans with it against the same coordination without it.
/// </summary>
/// <param name="RiskLevel">p: the probability with which each node's import limit is to hold at each step.</param>
/// <param name="Z">z(p), the standard normal quantile.</param>
/// <param name="MarginKw">Node id → resource → margin per step, kW.</param>
/// <param name="PlanningLimitKw">Node id → resource → max(0, importMax − margin) per step, kW.</param>
/// <param name="ShortfallKwh">Node id → resource → Σ_i max(0, planned draw − planning limit)·Δt, kWh (0: the margin was met).</param>
/// <param name="Warnings">Steps where a margin exceeds its limit (planned against 0 kW), naming node, resource and step.</param>
/// <param name="ObjectiveWithMargin">Σ J of the coordinated plans with the margin, objective units.</param>
/// <param name="ObjectiveWithoutMargin">Σ J of the plans the same coordination gives without it; null when not computed (<see cref="CostNote"/>).</param>
/// <param name="FactorTotalsWithMargin">Factor → Σ of its totals over the subsystems (cost in currency units, CO2 in kgCO2) with the margin.</param>
/// <param name="FactorTotalsWithoutMargin">The same without the margin; empty when not computed.</param>
/// <param name="CostNote">Why the cost was not computed, in words; null when it was.</param>
[GenerateSerializer, Immutable, Alias("sems.RiskMarginCycle")]
public sealed record RiskMarginCycle(
    [property: Id(0)] double RiskLevel,
    [property: Id(1)] double Z,
    [property: Id(2)] IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> MarginKw,
    [property: Id(3)] IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> PlanningLimitKw,
    [property: Id(4)] IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ShortfallKwh,
    [property: Id(5)] string[] Warnings,
    [property: Id(6)] double ObjectiveWithMargin,
    [property: Id(7)] double? ObjectiveWithoutMargin,
    [property: Id(8)] IReadOnlyDictionary<string, double> FactorTotalsWithMargin,
    [property: Id(9)] IReadOnlyDictionary<string, double> FactorTotalsWithoutMargin,
    [property: Id(10)] string? CostNote)
{
    /// <summary>The cost of the margin, objective units: with − without; null when not computed.</summary>
    public double? ObjectiveCost => ObjectiveWithoutMargin is { } without ? ObjectiveWithMargin - without : null;
}

namespace Sems.Engine.Coordination;

/// <summary>
/// What the risk margin did in one coordination cycle: the margin at every node, what coordination planned against, how
/// far the plan stayed above that, and the cost of the margin (the coordinated plans with it against those without it).
/// </summary>
/// <param name="RiskLevel">p, the probability with which each node's import limit is to hold at each step.</param>
/// <param name="Z">z(p).</param>
/// <param name="MarginKw">Node id → resource → margin z·√(Σ σ²), kW per step.</param>
/// <param name="PlanningLimitKw">Node id → resource → max(0, importMax − margin), kW per step: the limit coordination held the plan to.</param>
/// <param name="ShortfallKwh">Node id → resource → Σ_i max(0, planned draw − planning limit)·Δt, kWh: 0 when the margin was met.</param>
/// <param name="Warnings">Where a margin exceeds its limit, naming node, resource and step.</param>
/// <param name="ObjectiveWithMargin">Σ_ℓ J_ℓ of the coordinated plans with the margin, objective units.</param>
/// <param name="ObjectiveWithoutMargin">Σ_ℓ J_ℓ of the plans the same coordination gives without it (riskLevel absent); null when not computed.</param>
/// <param name="FactorTotalsWithMargin">Factor → Σ over subsystems of the factor's total (e.g. cost in currency units, CO2 in kgCO2) with the margin.</param>
/// <param name="FactorTotalsWithoutMargin">The same without the margin; empty when not computed.</param>
public sealed record RiskMarginReport(
    double RiskLevel,
    double Z,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> MarginKw,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> PlanningLimitKw,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ShortfallKwh,
    IReadOnlyList<string> Warnings,
    double ObjectiveWithMargin,
    double? ObjectiveWithoutMargin,
    IReadOnlyDictionary<string, double> FactorTotalsWithMargin,
    IReadOnlyDictionary<string, double> FactorTotalsWithoutMargin)
{
    /// <summary>The cost of the margin in objective units: <see cref="ObjectiveWithMargin"/> − <see cref="ObjectiveWithoutMargin"/>; null when the latter was not computed.</summary>
    public double? ObjectiveCost => ObjectiveWithoutMargin is { } without ? ObjectiveWithMargin - without : null;

    /// <summary>Factor → its total with the margin − without it (e.g. the extra cost in currency units, the extra kgCO2).</summary>
    public IReadOnlyDictionary<string, double> FactorCost =>
        FactorTotalsWithoutMargin.Count == 0
            ? new Dictionary<string, double>(StringComparer.Ordinal)
            : FactorTotalsWithMargin.Keys.Union(FactorTotalsWithoutMargin.Keys, StringComparer.Ordinal).ToDictionary(
                f => f, f => FactorTotalsWithMargin.GetValueOrDefault(f) - FactorTotalsWithoutMargin.GetValueOrDefault(f), StringComparer.Ordinal);
}

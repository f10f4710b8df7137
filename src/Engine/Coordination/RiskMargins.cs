namespace Sems.Engine.Coordination;

/// <summary>The margins of one coordination cycle (<see cref="RiskMargin.Plan"/>) and the limits coordination plans against.</summary>
/// <param name="RiskLevel">The probability p with which each node's import limit is to hold at each step.</param>
/// <param name="Z">z(p), the standard normal quantile.</param>
/// <param name="MarginKw">Node id → resource the node limits on import → z·√(Σ σ²) over the subsystems of its subtree, kW per step.</param>
/// <param name="PlanningLimits">The tree with every import limit lowered to max(0, importMax − margin); export limits unchanged.</param>
/// <param name="Warnings">Where a margin exceeds its limit (planning then against 0 kW), naming node, resource and step.</param>
public sealed record RiskMargins(
    double RiskLevel,
    double Z,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> MarginKw,
    LimitTree PlanningLimits,
    IReadOnlyList<string> Warnings);

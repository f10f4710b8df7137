using Sems.Engine.Mpc;

namespace Sems.Engine.Coordination.Economic;

/// <summary>One cycle of economic coordination of a whole district in one process.</summary>
/// <param name="Report">What the coordinator did: rounds, bounds, prices, repair, node loads.</param>
/// <param name="Final">Each subsystem's final plan, in district order.</param>
/// <param name="Initial">Each subsystem's own plan before coordination, in district order.</param>
/// <remarks>With <c>coordination.riskLevel</c> the report's node loads are against the planning limits importMax − margin.</remarks>
public sealed record EconomicLocalOutcome(EconomicReport Report, IReadOnlyList<SubsystemResult> Final, IReadOnlyList<SubsystemResult> Initial)
{
    /// <summary>With <c>coordination.riskLevel</c>: the margins and their cost (the same economic coordination without them); null otherwise.</summary>
    public RiskMarginReport? Risk { get; init; }
}

using Sems.Engine.Mpc;

namespace Sems.Engine.Coordination.Economic;

/// <summary>One cycle of economic coordination of a whole district in one process.</summary>
/// <param name="Report">What the coordinator did: rounds, bounds, prices, repair, node loads.</param>
/// <param name="Final">Each subsystem's final plan, in district order.</param>
/// <param name="Initial">Each subsystem's own plan before coordination, in district order.</param>
public sealed record EconomicLocalOutcome(EconomicReport Report, IReadOnlyList<SubsystemResult> Final, IReadOnlyList<SubsystemResult> Initial);

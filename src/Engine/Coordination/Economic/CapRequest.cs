namespace Sems.Engine.Coordination.Economic;

/// <summary>The feasibility repair's question: re-solve your own problem with P̄max = <paramref name="MaxKw"/> on these resources.</summary>
/// <param name="Participant">Who is asked.</param>
/// <param name="MaxKw">resource → P̄max per step, kW: its allocation from the master, or its share of a limit in the seed
/// round (eq. 5's Pmax tightened: keep the participant's own bound where it is lower; +∞ means no cap at that step).</param>
public sealed record CapRequest(EconomicParticipant Participant, IReadOnlyDictionary<string, IReadOnlyList<double>> MaxKw);

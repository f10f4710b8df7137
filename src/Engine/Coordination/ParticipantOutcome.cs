namespace Sems.Engine.Coordination;

/// <summary>What coordination did to one subsystem.</summary>
/// <param name="TightenedMaxKw">P̄max per tightened resource and step, kW; empty when the subsystem was not restricted.</param>
/// <param name="Resolved">Whether it was re-solved.</param>
/// <param name="Accepted">Whether its re-solved plan replaced the previous one (false: it kept its last feasible plan).</param>
/// <param name="Note">In words, e.g. "kept its last feasible plan: electricity draw above Pmax (eq. 5) …".</param>
public sealed record ParticipantOutcome(
    string Id,
    int Priority,
    IReadOnlyDictionary<string, IReadOnlyList<double>> TightenedMaxKw,
    bool Resolved,
    bool Accepted,
    string? Note);

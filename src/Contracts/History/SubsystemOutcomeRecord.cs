namespace Sems.Contracts.History;

/// <summary>
/// What one subsystem did in a cycle: <see cref="Outcome"/> is "planned", "tightened", "refused" (kept its plan under a
/// limit it could not meet), "failed", "timedOut" or "noPlan"; <see cref="Reason"/> says why in words.
/// </summary>
public sealed record SubsystemOutcomeRecord(string Subsystem, int Priority, string Status, string Outcome, string? Reason);

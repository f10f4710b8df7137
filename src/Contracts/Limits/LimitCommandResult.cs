namespace Sems.Contracts.Limits;

/// <summary>The answer to a <see cref="LimitCommand"/>: the version it applied (or a retry's first answer), or why nothing changed.</summary>
/// <param name="Replayed">True when this is the stored answer to an earlier request with the same id.</param>
[GenerateSerializer, Immutable, Alias("sems.LimitCommandResult")]
public sealed record LimitCommandResult(
    [property: Id(0)] LimitOutcomeKind Outcome,
    [property: Id(1)] LimitVersionRecord? Version,
    [property: Id(2)] LimitViolation[] Violations,
    [property: Id(3)] bool Replayed = false);

using Sems.Contracts.Limits;

namespace Sems.Grains;

/// <summary>The first answer to a request id, kept so that a retry returns it; <paramref name="Fingerprint"/> tells a retry from a different request reusing the id.</summary>
[GenerateSerializer, Alias("sems.StoredLimitAnswer")]
public sealed record StoredLimitAnswer(
    [property: Id(0)] string Fingerprint,
    [property: Id(1)] LimitOutcomeKind Outcome,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset At);

using Sems.Contracts.Limits;

namespace Sems.Grains;

/// <summary>One limit version as the limits grain persists it.</summary>
[GenerateSerializer, Alias("sems.StoredLimitVersion")]
public sealed record StoredLimitVersion(
    [property: Id(0)] long Version,
    [property: Id(1)] LimitProfile Profile,
    [property: Id(2)] string RequestId,
    [property: Id(3)] string SetBy,
    [property: Id(4)] DateTimeOffset SetAt,
    [property: Id(5)] DateTimeOffset? CancelledAt = null,
    [property: Id(6)] string? CancelledBy = null);

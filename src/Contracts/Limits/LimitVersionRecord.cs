namespace Sems.Contracts.Limits;

/// <summary>One stored limit version: the profile as requested, who set it and when, and its cancellation if any.</summary>
/// <param name="Version">Monotonic per district, from 1.</param>
/// <param name="Etag">Changes with the version's content and cancellation.</param>
/// <param name="State">Its state when read (VALIDATED, SCHEDULED, ACTIVE, COMPLETED, SUPERSEDED, CANCELLED, as the API names them).</param>
/// <param name="Overlaps">Older versions of the same node and resource whose intervals it shares (and so supersedes there).</param>
[GenerateSerializer, Immutable, Alias("sems.LimitVersionRecord")]
public sealed record LimitVersionRecord(
    [property: Id(0)] long Version,
    [property: Id(1)] string Etag,
    [property: Id(2)] string State,
    [property: Id(3)] LimitProfile Profile,
    [property: Id(4)] string RequestId,
    [property: Id(5)] string SetBy,
    [property: Id(6)] DateTimeOffset SetAt,
    [property: Id(7)] DateTimeOffset? CancelledAt,
    [property: Id(8)] string? CancelledBy,
    [property: Id(9)] DateTimeOffset End,
    [property: Id(10)] long[] Overlaps);

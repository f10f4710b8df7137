namespace Sems.Contracts.Limits;

/// <summary>
/// A request to add a limit version (<see cref="Profile"/> set) or to cancel one (<see cref="CancelVersion"/> set), by
/// <paramref name="Principal"/>. <paramref name="RequestId"/> makes a retry idempotent; <paramref name="ExpectedEtag"/>,
/// when given, must be the etag of the newest version of the same node and resource (or of the cancelled version).
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.LimitCommand")]
public sealed record LimitCommand(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Principal,
    [property: Id(2)] LimitProfile? Profile,
    [property: Id(3)] long? CancelVersion,
    [property: Id(4)] string? ExpectedEtag,
    [property: Id(5)] string? CancelReason = null);

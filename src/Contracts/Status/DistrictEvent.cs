namespace Sems.Contracts.Status;

/// <summary>
/// One event of a district's status stream, small by design (subscribers fetch the status it announces):
/// <paramref name="Sequence"/> is monotonic per district from 1, <paramref name="Cycle"/> the cycle (Cycle events),
/// <paramref name="LimitVersion"/> the version (LimitChange events).
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.DistrictEvent")]
public sealed record DistrictEvent(
    [property: Id(0)] ulong Sequence,
    [property: Id(1)] DistrictEventKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] int Cycle,
    [property: Id(4)] long LimitVersion);

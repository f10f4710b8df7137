namespace Sems.Contracts.Status;

/// <summary>
/// Events after a sequence: <paramref name="Events"/> oldest first; <paramref name="OldestKept"/> is the oldest sequence
/// still kept (a reader that asked for an older one lost the events in between); <paramref name="Latest"/> the newest
/// sequence published (0: none yet).
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.DistrictEventPage")]
public sealed record DistrictEventPage(
    [property: Id(0)] DistrictEvent[] Events,
    [property: Id(1)] ulong OldestKept,
    [property: Id(2)] ulong Latest);

using Sems.Contracts.Limits;

namespace Sems.Grains;

/// <summary>Persisted state of a district's limits grain: the versions, the answers to recent request ids, the context.</summary>
[GenerateSerializer, Alias("sems.GridLimitsState")]
public sealed class GridLimitsState
{
    [Id(0)] public LimitContext? Context { get; set; }

    [Id(1)] public long NextVersion { get; set; } = 1;

    [Id(2)] public List<StoredLimitVersion> Versions { get; set; } = [];

    [Id(3)] public Dictionary<string, StoredLimitAnswer> Answers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When a cycle last planned with the limits: versions set after it are still VALIDATED.</summary>
    [Id(4)] public DateTimeOffset? LastPlannedAt { get; set; }
}

using Sems.Contracts;

namespace Sems.Grains;

/// <summary>Persisted state of a district coordinator grain.</summary>
[GenerateSerializer, Alias("sems.CoordinatorState")]
public sealed class CoordinatorState
{
    [Id(0)] public string? DistrictJson { get; set; }

    [Id(1)] public DateTimeOffset Start { get; set; }

    /// <summary>The next cycle to run; cycle k plans the horizon starting at Start + k·Δt.</summary>
    [Id(2)] public int NextCycle { get; set; }

    /// <summary>Limits set at run time: resource → values aligned to the horizon of cycle <see cref="LimitOverride.FromCycle"/>.</summary>
    [Id(3)] public Dictionary<string, LimitOverride> Limits { get; set; } = [];

    [Id(4)] public bool Running { get; set; }

    /// <summary>The latest cycle's report (the grain keeps more in memory).</summary>
    [Id(5)] public List<CoordinationCycleReport> Reports { get; set; } = [];

    /// <summary>Subsystem id → priority, in file order.</summary>
    [Id(6)] public List<SubsystemEntry> Subsystems { get; set; } = [];
}

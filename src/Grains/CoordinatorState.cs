using Sems.Contracts;

namespace Sems.Grains;

/// <summary>Persisted per-cycle state of a district coordinator grain: small, written every cycle (the definition is kept apart).</summary>
[GenerateSerializer, Alias("sems.CoordinatorState")]
public sealed class CoordinatorState
{
    /// <summary>Time of step 0 of cycle 0: cycle k plans the horizon starting at Start + k·Δt, with k = ⌊(now − Start)/Δt⌋.</summary>
    [Id(1)] public DateTimeOffset Start { get; set; }

    /// <summary>The cycle after the latest one run.</summary>
    [Id(2)] public int NextCycle { get; set; }

    /// <summary>Limits set at run time: resource → values aligned to the horizon of cycle <see cref="LimitOverride.FromCycle"/>.</summary>
    [Id(3)] public Dictionary<string, LimitOverride> Limits { get; set; } = [];

    [Id(4)] public bool Running { get; set; }

    /// <summary>The latest cycle's report (the grain keeps more in memory).</summary>
    [Id(5)] public List<CoordinationCycleReport> Reports { get; set; } = [];

    /// <summary>Cycles that could not run since the district was first configured.</summary>
    [Id(7)] public int MissedCycles { get; set; }
}

using Sems.Contracts;

namespace Sems.Grains;

/// <summary>Persisted definition of a subsystem grain, written only when a version is prepared or switched to.</summary>
[GenerateSerializer, Alias("sems.SubsystemDefinitionState")]
public sealed class SubsystemDefinitionState
{
    /// <summary>The version plans are made with.</summary>
    [Id(0)] public SubsystemConfiguration? Current { get; set; }

    /// <summary>
    /// Versions prepared by the coordinator and not yet planned with, oldest first (the latest few): the first plan with
    /// one switches to it and drops the older ones. A newer prepare never discards the one the coordinator still uses.
    /// </summary>
    [Id(2)] public List<SubsystemConfiguration> Prepared { get; set; } = [];
}

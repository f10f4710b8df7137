using Sems.Contracts;

namespace Sems.Grains;

/// <summary>Persisted definition of a subsystem grain, written only when a version is prepared or switched to.</summary>
[GenerateSerializer, Alias("sems.SubsystemDefinitionState")]
public sealed class SubsystemDefinitionState
{
    /// <summary>The version plans are made with.</summary>
    [Id(0)] public SubsystemConfiguration? Current { get; set; }

    /// <summary>A version prepared by the coordinator; the first plan with it switches to it.</summary>
    [Id(1)] public SubsystemConfiguration? Pending { get; set; }
}

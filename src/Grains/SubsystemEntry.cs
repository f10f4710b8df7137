namespace Sems.Grains;

/// <summary>A registered subsystem and its coordination priority.</summary>
[GenerateSerializer, Immutable, Alias("sems.SubsystemEntry")]
public sealed record SubsystemEntry([property: Id(0)] string Id, [property: Id(1)] int Priority);

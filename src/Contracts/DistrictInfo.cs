using Sems.Contracts.Definitions;

namespace Sems.Contracts;

/// <summary>
/// What a coordinator tells about the district it runs: the definition version in force, its shared fields, the
/// subsystems (priority and asset ids), the resources its supplies draw, the file's limits, the start of cycle 0 and
/// whether the cycle runs.
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.DistrictInfo")]
public sealed record DistrictInfo(
    [property: Id(0)] string District,
    [property: Id(1)] DefinitionVersion Version,
    [property: Id(2)] DistrictShared Shared,
    [property: Id(3)] DistrictSubsystemInfo[] Subsystems,
    [property: Id(4)] string[] Resources,
    [property: Id(5)] string[] LimitedResources,
    [property: Id(6)] DateTimeOffset Start,
    [property: Id(7)] bool Running,
    [property: Id(8)] int NextCycle)
{
    /// <summary>The grid's nodes, root first and parents before children (one node named after the district when the file has no grid).</summary>
    [Id(9)] public GridNodeInfo[] Nodes { get; init; } = [];

    /// <summary>The coordination mode in force: "priority" or "economic".</summary>
    [Id(10)] public string Mode { get; init; } = "priority";
}

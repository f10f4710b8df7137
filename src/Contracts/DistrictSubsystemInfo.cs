namespace Sems.Contracts;

/// <summary>A subsystem as the coordinator registered it: id, coordination priority and the ids of its assets (supplies, stores, demands).</summary>
[GenerateSerializer, Immutable, Alias("sems.DistrictSubsystemInfo")]
public sealed record DistrictSubsystemInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] int Priority,
    [property: Id(2)] string[] AssetIds)
{
    /// <summary>The grid node it is connected to (a node of <see cref="DistrictInfo.Nodes"/>).</summary>
    [Id(3)] public string Node { get; init; } = "";
}

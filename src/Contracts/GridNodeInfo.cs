namespace Sems.Contracts;

/// <summary>A node of a district's grid as the coordinator runs it: its parent (null for the root) and the resources it limits in the file.</summary>
[GenerateSerializer, Immutable, Alias("sems.GridNodeInfo")]
public sealed record GridNodeInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Parent,
    [property: Id(2)] string[] LimitedResources);

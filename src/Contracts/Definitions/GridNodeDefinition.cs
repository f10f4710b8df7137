namespace Sems.Contracts.Definitions;

/// <summary>One node of the district's grid as the coordinator receives it: resource → kW per step of the horizon.</summary>
/// <param name="Parent">Null for the root.</param>
[GenerateSerializer, Immutable, Alias("sems.GridNodeDefinition")]
public sealed record GridNodeDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Parent,
    [property: Id(2)] IReadOnlyDictionary<string, double[]> ImportMaxKw,
    [property: Id(3)] IReadOnlyDictionary<string, double[]> ExportMaxKw);

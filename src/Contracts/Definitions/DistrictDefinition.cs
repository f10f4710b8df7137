namespace Sems.Contracts.Definitions;

/// <summary>
/// A validated district file as the coordinator receives it: the shared fields, every subsystem, the district limits
/// (resource → kW per step) and a hash of the file's content, which tells a re-applied file from a changed one.
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.DistrictDefinition")]
public sealed record DistrictDefinition(
    [property: Id(0)] DistrictShared Shared,
    [property: Id(1)] SubsystemDefinition[] Subsystems,
    [property: Id(2)] IReadOnlyDictionary<string, double[]> LimitsKw,
    [property: Id(3)] string ContentHash)
{
    /// <summary>
    /// The grid's nodes, root first and parents before children, when the file has a <c>grid</c>; empty when it has
    /// none (then <see cref="LimitsKw"/> are the limits of the one root, named after the district).
    /// </summary>
    [Id(4)]
    public GridNodeDefinition[] Grid { get; init; } = [];

    /// <summary>The file's coordination mode; null when it gives none (priority, Algorithm 1).</summary>
    [Id(5)]
    public CoordinationDefinition? Coordination { get; init; }
}

namespace Sems.Grains;

/// <summary>
/// A registered subsystem, its coordination priority and its peak draw per resource and step, kW (min(Pmax, Σ tech^max),
/// periodic like the file's series): what Ptot counts for it when it has never planned and fails.
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.SubsystemEntry")]
public sealed record SubsystemEntry([property: Id(0)] string Id, [property: Id(1)] int Priority, [property: Id(2)] IReadOnlyDictionary<string, double[]> PeakKw)
{
    /// <summary>Ids of its supplies, stores and demands: the asset grains "district/subsystem/asset".</summary>
    [Id(3)] public string[] AssetIds { get; init; } = [];

    /// <summary>The grid node it is connected to; null for the root.</summary>
    [Id(4)] public string? Node { get; init; }

    /// <summary>Whether its problem is an LP (no unit commitment, no exclusive store): economic coordination blends its plans.</summary>
    [Id(5)] public bool Convex { get; init; }
}

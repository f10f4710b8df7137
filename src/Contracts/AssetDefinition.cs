namespace Sems.Contracts;

/// <summary>
/// What an asset measures and which values are plausible: a measurement must name <see cref="Quantity"/> in
/// <see cref="Unit"/>, carry <see cref="ValidMin"/>.Length values, each within [ValidMin, ValidMax], and be no older than <see cref="MaxAge"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.AssetDefinition")]
public sealed record AssetDefinition(
    [property: Id(0)] string SubsystemId,
    [property: Id(1)] string AssetId,
    [property: Id(2)] AssetKind Kind,
    [property: Id(3)] string Quantity,
    [property: Id(4)] string Unit,
    [property: Id(5)] double[] ValidMin,
    [property: Id(6)] double[] ValidMax,
    [property: Id(7)] TimeSpan MaxAge);

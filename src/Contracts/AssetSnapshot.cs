namespace Sems.Contracts;

/// <summary>An asset's latest accepted measurement, its latest set-point and how many measurements were rejected, by category.</summary>
[GenerateSerializer, Immutable, Alias("sems.AssetSnapshot")]
public sealed record AssetSnapshot(
    [property: Id(0)] AssetDefinition? Definition,
    [property: Id(1)] Measurement? Latest,
    [property: Id(2)] AssetSetpoint? Setpoint,
    [property: Id(3)] int Accepted,
    [property: Id(4)] IReadOnlyDictionary<string, int> Rejected);

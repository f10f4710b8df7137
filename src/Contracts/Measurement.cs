namespace Sems.Contracts;

/// <summary>A timestamped reading from an asset, e.g. a store's state of charge (Quantity "soc", Unit "kWh").</summary>
[GenerateSerializer, Immutable, Alias("sems.Measurement")]
public sealed record Measurement(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] string Quantity,
    [property: Id(2)] double[] Values,
    [property: Id(3)] string Unit);

namespace Sems.Contracts.Results;

/// <summary>A supply's planned conversions and, with unit commitment, its on/off schedule.</summary>
[GenerateSerializer, Immutable, Alias("sems.SupplyResult")]
public sealed record SupplyResult([property: Id(0)] string Id, [property: Id(1)] ConversionResult[] Conversions, [property: Id(2)] bool[]? On);

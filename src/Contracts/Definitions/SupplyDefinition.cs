namespace Sems.Contracts.Definitions;

/// <summary>A supply technology: its conversions, whether it may charge stores, and its unit commitment if any.</summary>
[GenerateSerializer, Immutable, Alias("sems.SupplyDefinition")]
public sealed record SupplyDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] ConversionDefinition[] Conversions,
    [property: Id(2)] bool FeedsStores,
    [property: Id(3)] CommitmentDefinition? Commitment);

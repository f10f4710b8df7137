namespace Sems.Contracts;

/// <summary>What an asset grain stands for: a supply, a store or a demand of a subsystem.</summary>
[GenerateSerializer, Alias("sems.AssetKind")]
public enum AssetKind
{
    Supply,
    Store,
    SeriesDemand,
    StateSpaceDemand,
}

namespace Sems.Contracts.Limits;

/// <summary>
/// The limits that apply to one horizon, per resource and step (kW; +∞ where none applies), with the version that set each
/// step (0: the base, i.e. the district file's or an operator's limit) and whether a fallback set it.
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.EffectiveLimits")]
public sealed record EffectiveLimits(
    [property: Id(0)] IReadOnlyDictionary<string, double[]> Kw,
    [property: Id(1)] IReadOnlyDictionary<string, long[]> VersionPerStep,
    [property: Id(2)] IReadOnlyDictionary<string, bool[]> FallbackPerStep);

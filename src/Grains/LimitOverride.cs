namespace Sems.Grains;

/// <summary>A district limit set at run time: kW per step of the horizon of <paramref name="FromCycle"/>, periodic after that.</summary>
[GenerateSerializer, Immutable, Alias("sems.LimitOverride")]
public sealed record LimitOverride([property: Id(0)] double[] ValuesKw, [property: Id(1)] int FromCycle);

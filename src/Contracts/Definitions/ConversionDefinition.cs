namespace Sems.Contracts.Definitions;

/// <summary>One resource → energy-type conversion of a supply (eq. 1): efficiency and draw bounds per step, kW.</summary>
[GenerateSerializer, Immutable, Alias("sems.ConversionDefinition")]
public sealed record ConversionDefinition(
    [property: Id(0)] string Resource,
    [property: Id(1)] string EnergyType,
    [property: Id(2)] double[] Efficiency,
    [property: Id(3)] double[] Min,
    [property: Id(4)] double[] Max);

namespace Sems.Contracts.Results;

/// <summary>One conversion's planned draw v and output u, kW per step.</summary>
[GenerateSerializer, Immutable, Alias("sems.ConversionResult")]
public sealed record ConversionResult([property: Id(0)] string Resource, [property: Id(1)] string EnergyType, [property: Id(2)] double[] DrawKw, [property: Id(3)] double[] OutputKw);

namespace Sems.Contracts.Definitions;

/// <summary>Pmin and Pmax on a subsystem's total draw of one resource, kW per step (eq. 5).</summary>
[GenerateSerializer, Immutable, Alias("sems.ResourceBoundsDefinition")]
public sealed record ResourceBoundsDefinition([property: Id(0)] double[] Min, [property: Id(1)] double[] Max);

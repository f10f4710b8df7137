namespace Sems.Contracts.Definitions;

/// <summary>One export of a subsystem: power of an energy type fed back into the grid of a resource, bounds in kW per step.</summary>
[GenerateSerializer, Immutable, Alias("sems.ExportDefinition")]
public sealed record ExportDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Resource,
    [property: Id(2)] string EnergyType,
    [property: Id(3)] double[] Min,
    [property: Id(4)] double[] Max);

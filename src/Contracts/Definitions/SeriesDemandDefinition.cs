namespace Sems.Contracts.Definitions;

/// <summary>A fixed demand of one energy type, kW per step (eq. 18).</summary>
[GenerateSerializer, Immutable, Alias("sems.SeriesDemandDefinition")]
public sealed record SeriesDemandDefinition(string Id, [property: Id(0)] string EnergyType, [property: Id(1)] double[] Values) : DemandDefinition(Id);

namespace Sems.Contracts.Definitions;

/// <summary>One subsystem of a district file as typed values: what its grain plans with (series are per step of the horizon).</summary>
[GenerateSerializer, Immutable, Alias("sems.SubsystemDefinition")]
public sealed record SubsystemDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] int Priority,
    [property: Id(2)] IReadOnlyDictionary<string, ResourceBoundsDefinition> Resources,
    [property: Id(3)] SupplyDefinition[] Supplies,
    [property: Id(4)] StoreDefinition[] Stores,
    [property: Id(5)] DemandDefinition[] Demands,
    [property: Id(6)] IReadOnlyDictionary<string, double[]> Disturbances,
    [property: Id(7)] WeightsDefinition Weights)
{
    /// <summary>The grid node the subsystem is connected to; null for the root.</summary>
    [Id(8)]
    public string? Node { get; init; }

    /// <summary>What the subsystem may feed back into the grid (the file's <c>exports</c>); empty when it only imports.</summary>
    [Id(9)]
    public ExportDefinition[] Exports { get; init; } = [];

    /// <summary>
    /// The file's <c>uncertainty</c>: resource → the standard deviation of the subsystem's draw of it caused by forecast
    /// error, kW per step of the horizon; empty when the draw is taken as certain.
    /// </summary>
    [Id(10)]
    public IReadOnlyDictionary<string, double[]> UncertaintyKw { get; init; } = new Dictionary<string, double[]>();
}

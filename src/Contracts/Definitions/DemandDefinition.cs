namespace Sems.Contracts.Definitions;

/// <summary>A demand element: <see cref="SeriesDemandDefinition"/> or <see cref="StateSpaceDemandDefinition"/>.</summary>
[GenerateSerializer, Immutable, Alias("sems.DemandDefinition")]
public abstract record DemandDefinition([property: Id(0)] string Id);

namespace Sems.Contracts.Definitions;

/// <summary>A linear state-space demand (eqs. 12–17) with its output band per step and slack weight.</summary>
/// <param name="BandSide">both, lower or upper.</param>
[GenerateSerializer, Immutable, Alias("sems.StateSpaceDemandDefinition")]
public sealed record StateSpaceDemandDefinition(
    string Id,
    [property: Id(0)] double[][] A,
    [property: Id(1)] IReadOnlyDictionary<string, double[]> B,
    [property: Id(2)] IReadOnlyDictionary<string, double[]> E,
    [property: Id(3)] double[][] C,
    [property: Id(4)] double[] X0,
    [property: Id(5)] double[] BandLower,
    [property: Id(6)] double[] BandUpper,
    [property: Id(7)] string BandSide,
    [property: Id(8)] double SlackWeight,
    [property: Id(9)] string[]? OutputUnits) : DemandDefinition(Id);

namespace Sems.Contracts.Results;

/// <summary>A store's planned SoC (kWh, N+1 values), charge and discharge (kW, N values).</summary>
[GenerateSerializer, Immutable, Alias("sems.StoreResult")]
public sealed record StoreResult(
    [property: Id(0)] string Id,
    [property: Id(1)] string EnergyType,
    [property: Id(2)] double[] SocKwh,
    [property: Id(3)] double[] ChargeKw,
    [property: Id(4)] double[] DischargeKw);

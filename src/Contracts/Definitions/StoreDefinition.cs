namespace Sems.Contracts.Definitions;

/// <summary>A store (eqs. 6–11): SoC in kWh, charge/discharge bounds in kW per step, terminal condition by name.</summary>
/// <param name="Terminal">none, atLeastInitial or returnToInitial.</param>
[GenerateSerializer, Immutable, Alias("sems.StoreDefinition")]
public sealed record StoreDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string EnergyType,
    [property: Id(2)] double SocMin,
    [property: Id(3)] double SocMax,
    [property: Id(4)] double SocInitial,
    [property: Id(5)] double ChargeEfficiency,
    [property: Id(6)] double DischargeEfficiency,
    [property: Id(7)] double Retention,
    [property: Id(8)] double[] ChargeMin,
    [property: Id(9)] double[] ChargeMax,
    [property: Id(10)] double[] DischargeMin,
    [property: Id(11)] double[] DischargeMax,
    [property: Id(12)] double[] Penalty,
    [property: Id(13)] string Terminal,
    [property: Id(14)] bool Exclusive,
    [property: Id(15)] double TerminalTargetKwh);

namespace Sems.Contracts.Market;

/// <summary>A prosumer's battery as the grains receive it (charging and discharging exclusive in every step).</summary>
/// <param name="CapacityKwh">The most energy it holds, kWh, &gt; 0.</param>
/// <param name="SocInitialKwh">State of charge at the start of the horizon, kWh.</param>
/// <param name="SocMinKwh">The least state of charge allowed, kWh, ≥ 0.</param>
/// <param name="ChargeMaxKw">The most charging power, kW.</param>
/// <param name="DischargeMaxKw">The most discharging power, kW.</param>
/// <param name="ChargeEfficiency">Share of the charging energy stored, in (0, 1].</param>
/// <param name="DischargeEfficiency">Share of the stored energy delivered when discharging, in (0, 1].</param>
/// <param name="EndAtLeastInitial">Whether the state of charge at the end must be at least <paramref name="SocInitialKwh"/>.</param>
[GenerateSerializer, Immutable, Alias("sems.market.ProsumerBatteryDefinition")]
public sealed record ProsumerBatteryDefinition(
    [property: Id(0)] double CapacityKwh,
    [property: Id(1)] double SocInitialKwh,
    [property: Id(2)] double SocMinKwh,
    [property: Id(3)] double ChargeMaxKw,
    [property: Id(4)] double DischargeMaxKw,
    [property: Id(5)] double ChargeEfficiency,
    [property: Id(6)] double DischargeEfficiency,
    [property: Id(7)] bool EndAtLeastInitial);

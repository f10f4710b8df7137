namespace Sems.Engine.Market;

/// <summary>A prosumer's battery: charging and discharging are exclusive in every step (one binary per step).</summary>
/// <param name="CapacityKwh">The most energy it holds, kWh, &gt; 0.</param>
/// <param name="SocInitialKwh">State of charge at the start of the horizon, kWh, in [SocMinKwh, CapacityKwh].</param>
/// <param name="SocMinKwh">The least state of charge allowed, kWh, ≥ 0.</param>
/// <param name="ChargeMaxKw">The most charging power, kW, ≥ 0.</param>
/// <param name="DischargeMaxKw">The most discharging power, kW, ≥ 0.</param>
/// <param name="ChargeEfficiency">Share of the charging energy stored, in (0, 1].</param>
/// <param name="DischargeEfficiency">Share of the stored energy delivered when discharging, in (0, 1].</param>
/// <param name="EndAtLeastInitial">Whether the state of charge at the end of the horizon must be at least <paramref name="SocInitialKwh"/>.</param>
public sealed record ProsumerBattery(
    double CapacityKwh,
    double SocInitialKwh,
    double SocMinKwh,
    double ChargeMaxKw,
    double DischargeMaxKw,
    double ChargeEfficiency,
    double DischargeEfficiency,
    bool EndAtLeastInitial);

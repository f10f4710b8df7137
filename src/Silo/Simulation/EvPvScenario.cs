namespace Sems.Silo.Simulation;

/// <summary>The EV/PV subsystem: whether half of each charging request may be delayed (O'Dwyer et al. §4.4).</summary>
/// <param name="Vehicles">Registered EVs using the hub.</param>
/// <param name="EnergyPerVehicleKwhPerDay">Mean weekday charging energy per registered EV, kWh. Default 1.6: O'Dwyer et al. Table 3
/// implies EV charging ≈ 1.19 × PV generation (utilisation 54.0 % ÷ contribution 45.2 %); with the twin's 270 kWp over
/// 1–14 November 2022 that is ≈ 1.6 kWh a weekday per registered EV (not every EV charges every day).</param>
public sealed record EvPvScenario(bool Delay = true, int Vehicles = 300, double EnergyPerVehicleKwhPerDay = 1.6);

namespace Sems.Silo.Simulation;

/// <summary>The EV/PV subsystem: whether half of each charging request may be delayed (seeds/004 §4.4).</summary>
/// <param name="Vehicles">Registered EVs using the hub.</param>
/// <param name="EnergyPerVehicleKwhPerDay">Mean weekday charging energy per registered EV, kWh. Default 0.85: seeds/004 Table 3
/// implies EV demand ≈ 1.2 × PV generation (utilisation 54.0 % / contribution 45.2 %), ≈ 250 kWh a November day for 300 EVs.</param>
public sealed record EvPvScenario(bool Delay = true, int Vehicles = 300, double EnergyPerVehicleKwhPerDay = 0.85);

namespace Sems.Twin.Plants;

/// <summary>What the EV/PV hub did over one step (kW) and the energy still owed to vehicles at its end (kWh).</summary>
public sealed record EvStepResult(double DemandKw, double DelayedKw, double CaughtUpKw, double ChargingKw, double PvAvailableKw, double PvUsedKw, double GridKw, double BacklogKwh);

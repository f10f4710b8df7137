namespace Sems.Silo.Simulation;

/// <summary>The heat-network subsystem's objective (eq. 23): φ_nrg, φ_slack and α for cost and CO2.</summary>
/// <param name="EnergyWeight">φ_nrg; φ_slack = 1 − φ_nrg (no storage penalty).</param>
/// <param name="CostWeight">α_cost (per currency unit).</param>
/// <param name="Co2Weight">α_co2 (per kgCO2).</param>
/// <param name="BandSlackWeight">γ of the network temperature band, per °C².</param>
public sealed record HeatNetworkScenario(double EnergyWeight = 0.5, double CostWeight = 1.0, double Co2Weight = 0.0, double BandSlackWeight = 10.0);

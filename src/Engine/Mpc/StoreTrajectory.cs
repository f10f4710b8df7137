namespace Sems.Engine.Mpc;

/// <summary>A store's planned SoC (kWh, N+1 values, i = 0…N), charge and discharge (kW, N values).</summary>
public sealed record StoreTrajectory(string Id, string EnergyType, IReadOnlyList<double> SocKwh, IReadOnlyList<double> ChargeKw, IReadOnlyList<double> DischargeKw);

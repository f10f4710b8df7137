namespace Sems.Twin.Plants;

/// <summary>What the heat network's low-level controllers are asked to do for one step (kW).</summary>
public sealed record HeatSetpoints(double HeatPumpElectricKw, double BoilerGasKw, double StoreChargeKw, double StoreDischargeKw)
{
    public static HeatSetpoints None { get; } = new(0, 0, 0, 0);
}

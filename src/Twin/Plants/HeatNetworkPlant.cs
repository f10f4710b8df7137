namespace Sems.Twin.Plants;

/// <summary>
/// The heat network's physics and low-level controllers. The network water is one lumped node:
/// C·dT/dt = Q_hp + Q_boiler + Q_discharge − Q_charge − Q_load − UA_pipe·(T − T_ground), integrated with explicit
/// sub-steps. Controllers track set-points within physical limits: the heat pump and boilers within capacity, the
/// store within its capacity and heat exchanger rating. The heat pump's COP follows the source (river) and sink
/// (network + offset) temperatures of the moment.
/// </summary>
public sealed class HeatNetworkPlant(HeatNetworkParameters parameters)
{
    public HeatNetworkParameters Parameters { get; } = parameters;

    public double NetworkTemperatureC { get; private set; } = parameters.InitialNetworkTemperatureC;

    public double StoreKwh { get; private set; } = parameters.InitialStoreKwh;

    public HeatStepResult Step(double hours, HeatSetpoints setpoints, double loadKw, double sourceTemperatureC, int substeps = 3)
    {
        ArgumentNullException.ThrowIfNull(setpoints);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hours);
        ArgumentOutOfRangeException.ThrowIfNegative(loadKw);
        var p = Parameters;
        var h = hours / substeps;
        var retention = Math.Pow(p.StoreRetentionPer15Min, h / 0.25);
        double hpElectric = 0, hpHeat = 0, gas = 0, charge = 0, discharge = 0, loss = 0, violation = 0;
        var storeStart = StoreKwh;
        var networkStart = NetworkTemperatureC;

        for (var k = 0; k < substeps; k++)
        {
            var electric = Math.Clamp(setpoints.HeatPumpElectricKw, 0, p.HeatPumpMaxElectricKw);
            var cop = HeatPumpCop.WaterSource(sourceTemperatureC, NetworkTemperatureC + p.HeatPumpSinkOffsetK, p.HeatPumpCarnotEfficiency);
            var boilerGas = Math.Clamp(setpoints.BoilerGasKw, 0, p.BoilerMaxGasKw);

            // The store's controller cannot discharge more than it holds nor charge beyond its capacity.
            var storeAfterLoss = retention * StoreKwh;
            var dischargeKw = Math.Clamp(setpoints.StoreDischargeKw, 0, Math.Max(0, Math.Min(p.StoreMaxKw, storeAfterLoss * p.StoreDischargeEfficiency / h)));
            var room = p.StoreCapacityKwh - (storeAfterLoss - h * dischargeKw / p.StoreDischargeEfficiency);
            var chargeKw = Math.Clamp(setpoints.StoreChargeKw, 0, Math.Min(p.StoreMaxKw, Math.Max(0, room) / (h * p.StoreChargeEfficiency)));

            var pipeLoss = p.PipeLossKwPerK * (NetworkTemperatureC - p.GroundTemperatureC);
            var heatIn = cop * electric + p.BoilerEfficiency * boilerGas + dischargeKw - chargeKw - loadKw - pipeLoss;
            NetworkTemperatureC += heatIn * h / p.NetworkCapacityKwhPerK;
            // Emptying the store exactly can leave −1e-15 kWh of rounding; the store holds no negative heat.
            StoreKwh = Math.Max(0, storeAfterLoss + h * (p.StoreChargeEfficiency * chargeKw - dischargeKw / p.StoreDischargeEfficiency));

            hpElectric += electric / substeps;
            hpHeat += cop * electric / substeps;
            gas += boilerGas / substeps;
            charge += chargeKw / substeps;
            discharge += dischargeKw / substeps;
            loss += pipeLoss / substeps;
            violation += h * Math.Max(0, Math.Max(p.BandLowerC - NetworkTemperatureC, NetworkTemperatureC - p.BandUpperC));
        }

        return new HeatStepResult(hpElectric, hpHeat, hpElectric > 0 ? hpHeat / hpElectric : HeatPumpCop.WaterSource(sourceTemperatureC, NetworkTemperatureC + p.HeatPumpSinkOffsetK, p.HeatPumpCarnotEfficiency),
            gas, p.BoilerEfficiency * gas, charge, discharge, loadKw, loss, NetworkTemperatureC, StoreKwh, violation,
            p.NetworkCapacityKwhPerK * (NetworkTemperatureC - networkStart) + (StoreKwh - storeStart));
    }
}

using Sems.Twin.Plants;
using Xunit;

namespace Sems.Cli.Tests.Simulation;

/// <summary>Physics sanity of the twin's plants, checked against energy balances worked out independently.</summary>
public sealed class PlantTests
{
    [Fact]
    public void Heat_network_energy_is_conserved_over_a_step()
    {
        // Network: C·ΔT = (Q_hp + Q_boiler + discharge − charge − load − pipe loss)·Δt, every sub-step averaged.
        var parameters = new HeatNetworkParameters { StoreRetentionPer15Min = 1.0 };
        var plant = new HeatNetworkPlant(parameters);
        var before = (plant.NetworkTemperatureC, plant.StoreKwh);
        var r = plant.Step(0.25, new HeatSetpoints(40, 200, 30, 10), loadKw: 280, sourceTemperatureC: 11);

        var networkIn = (r.HeatPumpHeatKw + r.BoilerHeatKw + r.StoreDischargeKw - r.StoreChargeKw - r.LoadKw - r.PipeLossKw) * 0.25;
        Assert.Equal(networkIn, parameters.NetworkCapacityKwhPerK * (r.NetworkTemperatureC - before.NetworkTemperatureC), 9);
        // Store, lossless here: ΔSoC = Δt·(η_c·charge − discharge/η_d).
        Assert.Equal(0.25 * (0.98 * 30 - 10 / 0.98), r.StoreKwh - before.StoreKwh, 9);
        Assert.Equal(0.88 * 200, r.BoilerHeatKw, 9);
        Assert.InRange(r.HeatPumpCop, 1, (60 + 273.15 + 10) / 55.0); // between 1 and the Carnot limit at ≥ 60 °C sink, 11 °C source
    }

    [Fact]
    public void Controllers_track_set_points_within_physical_limits()
    {
        var parameters = new HeatNetworkParameters { InitialStoreKwh = 5 };
        var plant = new HeatNetworkPlant(parameters);
        var r = plant.Step(0.25, new HeatSetpoints(500, 5000, 0, 200), loadKw: 300, sourceTemperatureC: 11);
        Assert.Equal(parameters.HeatPumpMaxElectricKw, r.HeatPumpElectricKw, 9);
        Assert.Equal(parameters.BoilerMaxGasKw, r.BoilerGasKw, 9);
        Assert.True(r.StoreKwh >= 0, "the store cannot give more heat than it holds");
        Assert.True(r.StoreDischargeKw * 0.25 / parameters.StoreDischargeEfficiency <= 5 + 1e-9);
    }

    [Fact]
    public void Ev_hub_postpones_at_most_half_and_serves_no_more_than_is_owed()
    {
        var plant = new EvPvPlant(new EvPvParameters());
        // 80 kW requested, 60 kW delay asked: only 40 (half) may be postponed; PV 10 kW covers part of the 40 kW served.
        var first = plant.Step(0.25, new EvSetpoints(60, 0), demandKw: 80, pvAvailableKw: 10);
        Assert.Equal(40, first.DelayedKw, 9);
        Assert.Equal(40, first.ChargingKw, 9);
        Assert.Equal(10, first.PvUsedKw, 9);
        Assert.Equal(30, first.GridKw, 9);
        Assert.Equal(10, first.BacklogKwh, 9);

        // Catch-up asked 100 kW, but only 10 kWh is owed: 40 kW for 0.25 h; PV 100 kW covers all of it.
        var second = plant.Step(0.25, new EvSetpoints(0, 100), demandKw: 0, pvAvailableKw: 100);
        Assert.Equal(40, second.CaughtUpKw, 9);
        Assert.Equal(0, second.BacklogKwh, 9);
        Assert.Equal(0, second.GridKw, 9);
        Assert.Equal(40, second.PvUsedKw, 9);
    }

    [Fact]
    public void Store_temperature_runs_from_40_to_60_degrees()
    {
        var parameters = new HeatNetworkParameters();
        Assert.Equal(40, parameters.StoreTemperatureC(0), 9);
        Assert.Equal(50, parameters.StoreTemperatureC(parameters.StoreCapacityKwh / 2), 9);
        Assert.Equal(60, parameters.StoreTemperatureC(parameters.StoreCapacityKwh), 9);
    }
}

using System.Diagnostics;
using Sems.Contracts;
using Sems.Grains;
using Sems.Twin;
using Sems.Twin.Plants;

namespace Sems.Silo.Simulation;

/// <summary>
/// Runs a scenario: the twin's plants and SEMS's grains side by side, one control step at a time. Each step the driver
/// sets the simulated clock, sends the twin's (noisy) measurements to the asset grains, gives the subsystem grains their
/// forecasts, lets the coordinator run its cycle, fetches the set-points from the asset grains (the path a real
/// controller uses) and steps the plants with them. SEMS never reads the twin's state.
/// </summary>
public sealed class CoSimulation(IGrainFactory grains, SimulatedClock clock, Scenario scenario)
{
    public HeatNetworkParameters HeatParameters { get; init; } = new();

    public EvPvParameters EvParameters { get; init; } = new();

    public async Task<SimulationResult> RunAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var wall = Stopwatch.StartNew();
        var inputs = TwinInputs.Load2022();
        var forecasts = new ForecastProvider(scenario, inputs, EstateModel.Greenwich, new EvFleet(scenario.EvPv?.Vehicles ?? 300, scenario.Seed),
            PvArray.Greenwich, HeatParameters, EvParameters);
        var heat = scenario.HeatNetwork is null ? null : new HeatNetworkPlant(HeatParameters);
        var ev = scenario.EvPv is null ? null : new EvPvPlant(EvParameters);
        var noise = new MeasurementNoise(scenario.Seed);
        var district = $"sim-{scenario.Name}-{Guid.NewGuid():N}";
        var coordinator = grains.GetGrain<IDistrictCoordinatorGrain>(district);
        var json = TwinDistrict.Create(scenario, HeatParameters, EvParameters);
        clock.Set(scenario.Start);
        var problems = await coordinator.Configure(json, scenario.Start);
        if (problems.Length > 0) throw new InvalidOperationException($"the twin's district file is invalid: {string.Join("; ", problems)}");

        IAssetGrain Asset(string subsystem, string asset) => grains.GetGrain<IAssetGrain>($"{district}/{subsystem}/{asset}");
        IForecastGrain Forecaster(string subsystem) => grains.GetGrain<IForecastGrain>($"{district}/{subsystem}");
        var learned = scenario.Forecasts != Scenario.NoisyTruth;
        if (learned) await StartForecasters(district, Forecaster, forecasts);
        ISubsystemGrain Subsystem(string id) => grains.GetGrain<ISubsystemGrain>($"{district}/{id}");
        var step = TimeSpan.FromMinutes(scenario.StepMinutes);
        var hours = scenario.StepMinutes / 60.0;
        var records = new List<StepRecord>(scenario.Steps);
        HeatStepResult? lastHeat = null;
        EvStepResult? lastEv = null;

        for (var k = 0; k < scenario.Steps; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = scenario.Start + k * step;
            clock.Set(t);
            var calls = new List<Task>();
            if (heat is not null)
            {
                const string h = TwinDistrict.HeatSubsystem;
                calls.Add(Asset(h, "thermal-store").Record(new Measurement(t, "soc", [heat.StoreKwh + noise.Sample("store", t, scenario.Noise.StoreMeasurementKwh)], "kWh")));
                calls.Add(Asset(h, "network").Record(new Measurement(t, "state", [heat.NetworkTemperatureC + noise.Sample("network", t, scenario.Noise.TemperatureMeasurementC)], "°C")));
                calls.Add(Asset(h, "heat-pump").Record(new Measurement(t, "power", [lastHeat?.HeatPumpElectricKw ?? 0], "kW")));
                calls.Add(Asset(h, "gas-boiler").Record(new Measurement(t, "power", [lastHeat?.BoilerGasKw ?? 0], "kW")));
                calls.Add(Checked(Subsystem(h).SetForecast(k, forecasts.Heat(t))));
            }

            if (ev is not null)
            {
                const string e = TwinDistrict.EvSubsystem;
                if (scenario.EvPv!.Delay) calls.Add(Asset(e, "ev-delay").Record(new Measurement(t, "soc", [-ev.BacklogKwh], "kWh")));
                // The meter's reading of the step that just ended: SEMS does not see the demand of the step about to start.
                calls.Add(Asset(e, "ev-charging").Record(new Measurement(t, "power", [forecasts.LastEvDemandKw(t)], "kW")));
                calls.Add(Asset(e, "grid").Record(new Measurement(t, "power", [lastEv?.GridKw ?? 0], "kW")));
                calls.Add(Asset(e, "pv").Record(new Measurement(t, "power", [lastEv?.PvUsedKw ?? 0], "kW")));
                var evForecasts = forecasts.EvPv(t);
                if (learned && scenario.EvPv!.Delay)
                {
                    // What may be delayed follows the demand SEMS expects: here the forecast grain's learned forecast.
                    var demand = (await Forecaster(e).Forecast(t, scenario.HorizonSteps))["demand:ev-charging"];
                    evForecasts = new Dictionary<string, double[]>(evForecasts) { ["dischargeMax:ev-delay"] = demand.Select(d => EvParameters.DelayableFraction * d).ToArray() };
                }

                calls.Add(Checked(Subsystem(e).SetForecast(k, evForecasts)));
            }

            await Task.WhenAll(calls);
            var report = await coordinator.RunCycle();

            if (heat is not null)
            {
                const string h = TwinDistrict.HeatSubsystem;
                var hp = await Asset(h, "heat-pump").GetSetpoint();
                var boiler = await Asset(h, "gas-boiler").GetSetpoint();
                var store = await Asset(h, "thermal-store").GetSetpoint();
                var setpoints = new HeatSetpoints(Value(hp, "electricity.drawKw"), Value(boiler, "gas.drawKw"), Value(store, "chargeKw"), Value(store, "dischargeKw"));
                lastHeat = heat.Step(hours, setpoints, forecasts.HeatLoadKw(t), HeatPumpCop.RiverTemperatureC(t));
            }

            if (ev is not null)
            {
                var delay = scenario.EvPv!.Delay ? await Asset(TwinDistrict.EvSubsystem, "ev-delay").GetSetpoint() : null;
                lastEv = ev.Step(hours, new EvSetpoints(Value(delay, "dischargeKw"), Value(delay, "chargeKw")), forecasts.EvDemandKw(t), forecasts.PvKw(t));
            }

            if (learned)
            {
                // The history the forecasters learn from: what the twin's meters saw this step.
                if (heat is not null) await Checked(Forecaster(TwinDistrict.HeatSubsystem).Observe("disturbance:heatLoad", t, [forecasts.HeatLoadKw(t)]));
                if (ev is not null)
                {
                    await Checked(Forecaster(TwinDistrict.EvSubsystem).Observe("demand:ev-charging", t, [forecasts.EvDemandKw(t)]));
                    await Checked(Forecaster(TwinDistrict.EvSubsystem).Observe("resourceMax:solar", t, [forecasts.PvKw(t)]));
                }
            }

            records.Add(new StepRecord(t, inputs.PriceGbpPerKwh(t), inputs.CarbonKgPerKwh(t), inputs.OutdoorTemperatureC(t), lastHeat, lastEv,
                report.Resolves, report.ViolationAfterKwh.Values.Sum(), report.WallMs));
            progress?.Report(k + 1);
        }

        return new SimulationResult(scenario, records, Kpis.From(records, hours, scenario.DistrictLimitKw), wall.Elapsed, json);
    }

    /// <summary>Configures the forecast grains with the scenario's method and gives them the twin's past as history.</summary>
    private async Task StartForecasters(string districtKey, Func<string, IForecastGrain> forecaster, ForecastProvider truths)
    {
        var step = TimeSpan.FromMinutes(scenario.StepMinutes);
        var historyStart = scenario.Start - TimeSpan.FromDays(scenario.ForecastHistoryDays);
        var times = Enumerable.Range(0, (int)((scenario.Start - historyStart).Ticks / step.Ticks)).Select(i => historyStart + i * step).ToArray();
        async Task Start(string subsystem, string[] inputs, Func<DateTimeOffset, double>[] truth)
        {
            var configuration = new ForecastConfiguration(scenario.Forecasts, inputs, scenario.StepMinutes, TimeSpan.FromDays(1), scenario.ForecastHistoryDays + 28, scenario.Seed);
            await Checked(forecaster(subsystem).Configure(configuration));
            await grains.GetGrain<ISubsystemGrain>($"{districtKey}/{subsystem}").UseForecaster(true);
            for (var k = 0; k < inputs.Length; k++) await Checked(forecaster(subsystem).Observe(inputs[k], historyStart, times.Select(truth[k]).ToArray()));
        }

        if (scenario.HeatNetwork is not null) await Start(TwinDistrict.HeatSubsystem, ["disturbance:heatLoad"], [truths.HeatLoadKw]);
        if (scenario.EvPv is not null) await Start(TwinDistrict.EvSubsystem, ["demand:ev-charging", "resourceMax:solar"], [truths.EvDemandKw, truths.PvKw]);
    }

    /// <summary>A set-point value; a controller with no set-point yet holds its asset off.</summary>
    private static double Value(AssetSetpoint? setpoint, string key) => setpoint?.Values.GetValueOrDefault(key) ?? 0;

    private static async Task Checked(Task<string[]> call)
    {
        var problems = await call;
        if (problems.Length > 0) throw new InvalidOperationException($"a forecast was refused: {string.Join("; ", problems)}");
    }
}

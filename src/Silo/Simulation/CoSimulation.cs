using System.Diagnostics;
using Sems.Contracts;
using Sems.Grains;
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
        var site = new TwinSite(scenario, HeatParameters, EvParameters);
        var forecasts = site.Forecasts;
        var district = $"sim-{scenario.Name}-{Guid.NewGuid():N}";
        var coordinator = grains.GetGrain<IDistrictCoordinatorGrain>(district);
        var json = site.DistrictJson();
        clock.Set(scenario.Start);
        var problems = await coordinator.Configure(json, scenario.Start);
        if (problems.Length > 0) throw new InvalidOperationException($"the twin's district file is invalid: {string.Join("; ", problems)}");

        IAssetGrain Asset(string subsystem, string asset) => grains.GetGrain<IAssetGrain>($"{district}/{subsystem}/{asset}");
        IForecastGrain Forecaster(string subsystem) => grains.GetGrain<IForecastGrain>($"{district}/{subsystem}");
        var learned = scenario.LearnedForecasts;
        // With "district-file" SEMS gets no forecast: it plans on the file's profiles and the measurements, as behind the API.
        var forecast = scenario.Forecasts != Scenario.DistrictFile;
        if (learned) await StartForecasters(district, Forecaster, forecasts);
        ISubsystemGrain Subsystem(string id) => grains.GetGrain<ISubsystemGrain>($"{district}/{id}");

        for (var k = 0; k < scenario.Steps; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = site.TimeOf(k);
            clock.Set(t);
            var calls = new List<Task>(site.Measurements(t).Select(m => (Task)Asset(m.Subsystem, m.Asset).Record(m.Measurement)));
            if (forecast && scenario.HeatNetwork is not null) calls.Add(Checked(Subsystem(TwinDistrict.HeatSubsystem).SetForecast(k, forecasts.Heat(t))));
            if (forecast && scenario.EvPv is not null)
            {
                const string e = TwinDistrict.EvSubsystem;
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

            // The set-points as a real controller reads them: from the asset grains, after the cycle committed them.
            var setpoints = new Dictionary<(string, string), AssetSetpoint?>();
            foreach (var (subsystem, asset) in site.ControlledAssets) setpoints[(subsystem, asset)] = await Asset(subsystem, asset).GetSetpoint();
            site.Advance((subsystem, asset, key) => Value(setpoints.GetValueOrDefault((subsystem, asset)), key),
                report.Resolves, report.ViolationAfterKwh.Values.Sum(), report.WallMs);

            if (learned)
            {
                // The history the forecasters learn from: what the twin's meters saw this step.
                if (scenario.HeatNetwork is not null) await Checked(Forecaster(TwinDistrict.HeatSubsystem).Observe("disturbance:heatLoad", t, [forecasts.HeatLoadKw(t)]));
                if (scenario.EvPv is not null)
                {
                    await Checked(Forecaster(TwinDistrict.EvSubsystem).Observe("demand:ev-charging", t, [forecasts.EvDemandKw(t)]));
                    await Checked(Forecaster(TwinDistrict.EvSubsystem).Observe("resourceMax:solar", t, [forecasts.PvKw(t)]));
                }
            }

            progress?.Report(k + 1);
        }

        return new SimulationResult(scenario, site.Records.ToList(), site.Kpis, wall.Elapsed, json);
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

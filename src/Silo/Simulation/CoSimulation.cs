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
        ISubsystemGrain Subsystem(string id) => grains.GetGrain<ISubsystemGrain>($"{district}/{id}");
        if (learned)
        {
            await StartForecasters(district, Forecaster, forecasts);
            clock.Set(scenario.Start);
        }

        for (var k = 0; k < scenario.Steps; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = site.TimeOf(k);
            clock.Set(t);
            var calls = new List<Task>(site.Measurements(t).Select(m => (Task)Asset(m.Subsystem, m.Asset).Record(m.Measurement)));
            if (learned && scenario.WeatherFeatures) calls.AddRange(Subsystems().Select(s => Checked(Forecaster(s).SetWeatherForecast(forecasts.WeatherForecast(t)))));
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
                report.Resolves, report.ViolationAfterKwh.Values.Sum(), report.WallMs, FirstStepMargin(report.Risk));

            if (learned) await ObserveStep(Forecaster, forecasts, t);

            progress?.Report(k + 1);
        }

        return new SimulationResult(scenario, site.Records.ToList(), site.Kpis, wall.Elapsed, json);
    }

    /// <summary>Days at the end of the forecast grains' history that are replayed cycle by cycle before the run (see <see cref="StartForecasters"/>).</summary>
    public const int ForecastWarmUpDays = 3;

    private IEnumerable<string> Subsystems()
    {
        if (scenario.HeatNetwork is not null) yield return TwinDistrict.HeatSubsystem;
        if (scenario.EvPv is not null) yield return TwinDistrict.EvSubsystem;
    }

    /// <summary>What the twin's meters and weather station saw over the step that starts at <paramref name="t"/>: the history the forecasters learn from.</summary>
    private async Task ObserveStep(Func<string, IForecastGrain> forecaster, ForecastProvider truths, DateTimeOffset t)
    {
        var calls = new List<Task>();
        if (scenario.HeatNetwork is not null) calls.Add(Checked(forecaster(TwinDistrict.HeatSubsystem).Observe("disturbance:heatLoad", t, [truths.HeatLoadKw(t)])));
        if (scenario.EvPv is not null)
        {
            calls.Add(Checked(forecaster(TwinDistrict.EvSubsystem).Observe("demand:ev-charging", t, [truths.EvDemandKw(t)])));
            calls.Add(Checked(forecaster(TwinDistrict.EvSubsystem).Observe("resourceMax:solar", t, [truths.PvKw(t)])));
        }

        if (scenario.WeatherFeatures) calls.AddRange(Subsystems().Select(s => Checked(forecaster(s).ObserveWeather(truths.MeasuredWeather(t, 1)))));
        await Task.WhenAll(calls);
    }

    /// <summary>
    /// Configures the forecast grains with the scenario's method and gives them the twin's past as history: all of it at
    /// once, or, when forecasts are corrected within the day or their uncertainty is served, all but the last
    /// <see cref="ForecastWarmUpDays"/> days, which are then replayed cycle by cycle on the clock (weather forecast,
    /// forecast, measurement), as a site that ran SEMS before the run would have, so the correction's φ and the
    /// residual quantiles start from served horizons. Leaves the clock at the end of the history.
    /// </summary>
    private async Task StartForecasters(string districtKey, Func<string, IForecastGrain> forecaster, ForecastProvider truths)
    {
        var step = TimeSpan.FromMinutes(scenario.StepMinutes);
        var historyStart = scenario.Start - TimeSpan.FromDays(scenario.ForecastHistoryDays);
        var uncertainty = scenario.RiskLevel is not null && scenario.Coordinate;
        var warmUp = scenario.WithinDayCorrection || uncertainty ? TimeSpan.FromDays(ForecastWarmUpDays) : TimeSpan.Zero;
        var bulkEnd = scenario.Start - warmUp;
        var times = Enumerable.Range(0, (int)((bulkEnd - historyStart).Ticks / step.Ticks)).Select(i => historyStart + i * step).ToArray();
        Dictionary<string, string[]>? Weather(params (string Input, string[] Features)[] inputs) =>
            scenario.WeatherFeatures ? inputs.Where(i => i.Features.Length > 0).ToDictionary(i => i.Input, i => i.Features) : null;
        async Task Start(string subsystem, string[] inputs, Func<DateTimeOffset, double>[] truth, Dictionary<string, string[]>? weather, ForecastUncertainty[]? uncertainties)
        {
            var configuration = new ForecastConfiguration(scenario.Forecasts, inputs, scenario.StepMinutes, TimeSpan.FromDays(1), scenario.ForecastHistoryDays + 28, scenario.Seed,
                weather, scenario.WithinDayCorrection, uncertainties);
            await Checked(forecaster(subsystem).Configure(configuration));
            await grains.GetGrain<ISubsystemGrain>($"{districtKey}/{subsystem}").UseForecaster(true);
            for (var k = 0; k < inputs.Length; k++) await Checked(forecaster(subsystem).Observe(inputs[k], historyStart, times.Select(truth[k]).ToArray()));
            if (scenario.WeatherFeatures) await Checked(forecaster(subsystem).ObserveWeather(truths.MeasuredWeather(historyStart, times.Length)));
        }

        const string temperature = WeatherSeries.Temperature, irradiance = WeatherSeries.Irradiance;
        if (scenario.HeatNetwork is not null)
            await Start(TwinDistrict.HeatSubsystem, ["disturbance:heatLoad"], [truths.HeatLoadKw], Weather(("disturbance:heatLoad", [temperature, irradiance])), null);
        if (scenario.EvPv is not null)
        {
            // The hub's grid draw is EV demand minus PV: its error is fitted on that net residual, so their correlation is kept.
            ForecastUncertainty[]? draw = uncertainty ? [new ForecastUncertainty("electricity", ["demand:ev-charging"], ["resourceMax:solar"])] : null;
            await Start(TwinDistrict.EvSubsystem, ["demand:ev-charging", "resourceMax:solar"], [truths.EvDemandKw, truths.PvKw],
                Weather(("demand:ev-charging", []), ("resourceMax:solar", [irradiance, temperature])), draw);
        }

        for (var t = bulkEnd; t < scenario.Start; t += step)
        {
            clock.Set(t);
            foreach (var subsystem in Subsystems())
            {
                if (scenario.WeatherFeatures) await Checked(forecaster(subsystem).SetWeatherForecast(truths.WeatherForecast(t)));
                await forecaster(subsystem).Forecast(t, scenario.HorizonSteps);
            }

            await ObserveStep(forecaster, truths, t);
        }
    }

    /// <summary>The largest first-step margin on electricity over the grid's nodes, kW; 0 without a risk level.</summary>
    private static double FirstStepMargin(RiskMarginCycle? risk) =>
        risk?.MarginKw.Values.Select(r => r.TryGetValue("electricity", out var m) && m.Length > 0 ? m[0] : 0).DefaultIfEmpty(0).Max() ?? 0;

    /// <summary>A set-point value; a controller with no set-point yet holds its asset off.</summary>
    private static double Value(AssetSetpoint? setpoint, string key) => setpoint?.Values.GetValueOrDefault(key) ?? 0;

    private static async Task Checked(Task<string[]> call)
    {
        var problems = await call;
        if (problems.Length > 0) throw new InvalidOperationException($"a forecast was refused: {string.Join("; ", problems)}");
    }
}

using Sems.Contracts;
using Sems.Forecasting.Weather;
using Sems.Twin;
using Sems.Twin.Plants;

namespace Sems.Silo.Simulation;

/// <summary>
/// Forecasts for SEMS from the twin's own future, perturbed with seeded noise (the forecasting work replaces this with
/// learned forecasters). Prices are day-ahead and known; carbon, heat load, EV demand and PV carry relative errors.
/// SEMS receives only these series, never the twin's state.
/// </summary>
public sealed class ForecastProvider(Scenario scenario, TwinInputs inputs, EstateModel estate, EvFleet fleet, PvArray pv, HeatNetworkParameters heat, EvPvParameters ev)
{
    private readonly MeasurementNoise _noise = new(scenario.Seed + 7919);
    private readonly Dictionary<(string, long), double> _memo = [];
    private readonly WeatherForecastError _weatherError = new(scenario.Seed + 104_729);

    /// <summary>How often the day-ahead weather forecast is issued: a numerical weather prediction run every 6 hours.</summary>
    public static readonly TimeSpan WeatherIssueEvery = TimeSpan.FromHours(6);

    /// <summary>The measured outdoor temperature over the step starting at <paramref name="t"/> (its middle), °C.</summary>
    public double TemperatureC(DateTimeOffset t) => Memo("temperature", t, () => inputs.OutdoorTemperatureC(t.AddMinutes(scenario.StepMinutes / 2.0)));

    /// <summary>The measured global horizontal irradiance over the step starting at <paramref name="t"/> (its middle), W/m².</summary>
    public double IrradianceWm2(DateTimeOffset t) => Memo("irradiance", t, () => inputs.GlobalHorizontalIrradianceWm2(t.AddMinutes(scenario.StepMinutes / 2.0)));

    /// <summary>The weather station's readings of <paramref name="count"/> steps from <paramref name="start"/>.</summary>
    public WeatherSeries MeasuredWeather(DateTimeOffset start, int count)
    {
        var times = Enumerable.Range(0, count).Select(i => start.AddMinutes((double)i * scenario.StepMinutes)).ToArray();
        return new WeatherSeries(start, start.AddMinutes((double)count * scenario.StepMinutes), times.Select(TemperatureC).ToArray(), times.Select(IrradianceWm2).ToArray());
    }

    /// <summary>
    /// The day-ahead weather forecast available at <paramref name="t"/> for the horizon from t: issued at the last
    /// 6-hourly run (00, 06, 12, 18 UTC) at or before t, the twin's weather plus the seeded error of
    /// <see cref="WeatherForecastError"/> for each step's lead from that run.
    /// </summary>
    public WeatherSeries WeatherForecast(DateTimeOffset t)
    {
        var issued = new DateTimeOffset(t.UtcTicks - t.UtcTicks % WeatherIssueEvery.Ticks, TimeSpan.Zero);
        var times = Times(t);
        return new WeatherSeries(t, issued,
            // One run's forecast of a time is the same in every cycle until the next run: computed once.
            times.Select(v => Memo($"forecast-temperature-{issued.UtcTicks}", v, () => _weatherError.TemperatureC(issued, v, TemperatureC(v)))).ToArray(),
            times.Select(v => Memo($"forecast-irradiance-{issued.UtcTicks}", v, () => _weatherError.IrradianceWm2(issued, v, IrradianceWm2(v)))).ToArray());
    }

    /// <summary>The EV demand the twin's fleet actually requests at a step start, kW.</summary>
    public double EvDemandKw(DateTimeOffset t) => Memo("ev", t, () =>
        fleet.DemandKw(t, 1, scenario.StepMinutes)[0] * scenario.EvPv!.EnergyPerVehicleKwhPerDay / EvFleet.WeekdayEnergyKwhPerVehicle);

    /// <summary>PV power available at the middle of the step, kW.</summary>
    public double PvKw(DateTimeOffset t) => Memo("pv", t, () =>
        pv.PowerKw(t.AddMinutes(scenario.StepMinutes / 2.0), inputs.GlobalHorizontalIrradianceWm2(t.AddMinutes(scenario.StepMinutes / 2.0)), inputs.OutdoorTemperatureC(t)));

    /// <summary>The estate's heat demand at the middle of the step, kW.</summary>
    public double HeatLoadKw(DateTimeOffset t) => Memo("load", t, () => estate.HeatDemandKw(t.AddMinutes(scenario.StepMinutes / 2.0)));

    /// <summary>What the chargers read over the step that ended at <paramref name="t"/>, kW: the nowcast of the step starting at t.</summary>
    public double LastEvDemandKw(DateTimeOffset t) => EvDemandKw(t.AddMinutes(-scenario.StepMinutes));

    /// <summary>What the inverters read over the step that ended at <paramref name="t"/>, kW.</summary>
    public double LastPvKw(DateTimeOffset t) => PvKw(t.AddMinutes(-scenario.StepMinutes));

    /// <summary>The twin's truths are deterministic in time: each is computed once per step however many horizons it falls in.</summary>
    private double Memo(string stream, DateTimeOffset t, Func<double> compute)
    {
        lock (_memo)
        {
            if (_memo.TryGetValue((stream, t.UtcTicks), out var value)) return value;
        }

        var computed = compute();
        lock (_memo) _memo[(stream, t.UtcTicks)] = computed;
        return computed;
    }

    private double Error(string stream, DateTimeOffset t, double sd) => Memo("error-" + stream, t, () => Math.Max(0, 1 + _noise.Sample(stream, t, sd)));

    public IReadOnlyDictionary<string, double[]> Heat(DateTimeOffset start) => Heat(start, exact: false);

    public IReadOnlyDictionary<string, double[]> EvPv(DateTimeOffset start) => EvPv(start, exact: false);

    /// <summary>
    /// The twin's own inputs over one horizon from <paramref name="start"/>, without forecast error or nowcast: the
    /// profile a district file carries when no forecast reaches SEMS (<see cref="Scenario.DistrictFile"/>). The keys
    /// are those of <see cref="Heat(DateTimeOffset)"/> and <see cref="EvPv(DateTimeOffset)"/>; a subsystem the scenario leaves out has none.
    /// </summary>
    public (IReadOnlyDictionary<string, double[]> Heat, IReadOnlyDictionary<string, double[]> EvPv) Profile(DateTimeOffset start) =>
        (scenario.HeatNetwork is null ? new Dictionary<string, double[]>() : Heat(start, exact: true),
         scenario.EvPv is null ? new Dictionary<string, double[]>() : EvPv(start, exact: true));

    private IReadOnlyDictionary<string, double[]> Heat(DateTimeOffset start, bool exact)
    {
        var times = Times(start);
        double E(string stream, DateTimeOffset t, double sd) => exact ? 1 : Error(stream, t, sd);
        return new Dictionary<string, double[]>
        {
            ["disturbance:heatLoad"] = times.Select(t => HeatLoadKw(t) * E("heat-load", t, scenario.Noise.HeatLoadForecast)).ToArray(),
            // The COP SEMS plans with assumes the condenser at the band's middle (67.5 °C) plus the offset.
            ["efficiency:heat-pump:0"] = times.Select(t => Memo("cop", t, () => HeatPumpCop.WaterSource(HeatPumpCop.RiverTemperatureC(t), (heat.BandLowerC + heat.BandUpperC) / 2 + heat.HeatPumpSinkOffsetK, heat.HeatPumpCarnotEfficiency))).ToArray(),
            ["factor:cost:electricity"] = times.Select(t => Memo("price", t, () => inputs.PriceGbpPerKwh(t))).ToArray(),
            ["factor:co2:electricity"] = times.Select(t => Memo("carbon", t, () => inputs.CarbonKgPerKwh(t)) * E("carbon", t, scenario.Noise.CarbonForecast)).ToArray(),
        };
    }

    private IReadOnlyDictionary<string, double[]> EvPv(DateTimeOffset start, bool exact)
    {
        var times = Times(start);
        double E(string stream, DateTimeOffset t, double sd) => exact ? 1 : Error(stream, t, sd);
        // The step about to start is a nowcast: the chargers' and the inverters' last reading (the step that just ended),
        // never the truth of the step to come; later steps carry forecast error.
        var demand = times.Select((t, i) => i == 0 && !exact ? LastEvDemandKw(t) : EvDemandKw(t) * E("ev-demand", t, scenario.Noise.EvDemandForecast)).ToArray();
        var pvKw = times.Select((t, i) => Math.Min(pv.RatedKwp, i == 0 && !exact ? LastPvKw(t) : PvKw(t) * E("pv", t, scenario.Noise.PvForecast))).ToArray();
        var forecasts = new Dictionary<string, double[]>
        {
            ["demand:ev-charging"] = demand,
            ["resourceMax:solar"] = pvKw,
            ["factor:cost:electricity"] = times.Select(t => Memo("price", t, () => inputs.PriceGbpPerKwh(t))).ToArray(),
            ["factor:co2:electricity"] = times.Select(t => Memo("carbon", t, () => inputs.CarbonKgPerKwh(t)) * E("carbon", t, scenario.Noise.CarbonForecast)).ToArray(),
        };
        if (scenario.EvPv!.Delay) forecasts["dischargeMax:ev-delay"] = demand.Select(d => ev.DelayableFraction * d).ToArray();
        return forecasts;
    }

    private DateTimeOffset[] Times(DateTimeOffset start) =>
        Enumerable.Range(0, scenario.HorizonSteps).Select(i => start.AddMinutes((double)i * scenario.StepMinutes)).ToArray();
}

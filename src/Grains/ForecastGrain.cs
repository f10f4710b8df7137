using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sems.Contracts;
using Sems.Forecasting;
using Sems.Forecasting.Probabilistic;

namespace Sems.Grains;

/// <summary>
/// A subsystem's forecaster: keeps the measured history of the inputs it forecasts and of the site's weather, retrains
/// on a schedule judged on the SEMS clock (so a simulation retrains daily in simulated time; in live operation a
/// reminder wakes it), and serves day-ahead forecasts: with the latest weather forecast as features, corrected within
/// the day from the latest measurement, and with the standard deviation of the subsystem's draw that forecast error
/// causes, fitted on the horizons it served before. The inputs are powers, so forecasts below zero are served as zero.
/// </summary>
/// <remarks>
/// The latest weather forecast (refreshed every cycle), the served horizons and the residuals behind the correction
/// live in the activation only: a reactivated grain forecasts without weather forecast until it gets one, serves no
/// uncertainty key until <see cref="MinQuantileSamples"/> horizons per lead step are known again and corrects with
/// φ = 0 until <see cref="MinCorrectionPairs"/> residual pairs are.
/// </remarks>
public sealed class ForecastGrain(
    [PersistentState("forecast", SemsGrainOptions.Storage)] IPersistentState<ForecastState> state,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock,
    ILogger<ForecastGrain> logger) : Grain, IForecastGrain, IRemindable
{
    /// <summary>Prefix of the measured weather's keys in <see cref="ForecastState.History"/>.</summary>
    public const string WeatherKey = "weather:";

    /// <summary>Days of served horizons kept for the residual quantiles.</summary>
    public const int QuantileWindowDays = 7;

    /// <summary>The fewest residuals per lead step behind a quantile.</summary>
    public const int MinQuantileSamples = 20;

    /// <summary>The fewest consecutive residual pairs behind the correction's φ.</summary>
    public const int MinCorrectionPairs = 24;

    /// <summary>Issue times within this much of the horizon's time of day give its residual quantiles (the errors differ by hour).</summary>
    public static readonly TimeSpan QuantileTimeOfDayWindow = TimeSpan.FromHours(1);

    private const string RetrainReminder = "retrain";
    private readonly Dictionary<string, IForecaster> _trained = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedList<DateTimeOffset, double[]>> _served = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedList<DateTimeOffset, double[]>> _uncorrected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedList<DateTimeOffset, double>> _residuals = new(StringComparer.Ordinal);
    private (DateTimeOffset Start, int Steps, IReadOnlyDictionary<string, double[]> Forecasts)? _lastServed;
    private WeatherSeries? _weatherForecast;

    public async Task<string[]> Configure(ForecastConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        if (!ForecasterCatalog.Methods.Contains(configuration.Method)) problems.Add($"method: \"{configuration.Method}\" is not one of {string.Join(", ", ForecasterCatalog.Methods)}");
        if (configuration.Inputs.Length == 0) problems.Add("inputs: none given");
        if (configuration.StepMinutes <= 0 || 1440 % configuration.StepMinutes != 0) problems.Add($"stepMinutes: {configuration.StepMinutes} does not divide a day");
        if (configuration.RetrainEvery < TimeSpan.FromMinutes(1)) problems.Add($"retrainEvery: {configuration.RetrainEvery} is shorter than a minute");
        if (configuration.HistoryDays < 21) problems.Add($"historyDays: {configuration.HistoryDays} is fewer than 21 days");
        foreach (var (input, features) in configuration.Weather ?? new Dictionary<string, string[]>())
        {
            if (!configuration.Inputs.Contains(input)) problems.Add($"weather: \"{input}\" is not one of the inputs ({string.Join(", ", configuration.Inputs)})");
            foreach (var feature in features.Where(f => !WeatherSeries.Features.Contains(f)))
                problems.Add($"weather.{input}: \"{feature}\" is not one of {string.Join(", ", WeatherSeries.Features)}");
        }

        foreach (var (u, i) in (configuration.Uncertainty ?? []).Select((u, i) => (u, i)))
        {
            if (string.IsNullOrWhiteSpace(u.Resource)) problems.Add($"uncertainty[{i}].resource: \"{u.Resource}\" is not a resource name");
            if (u.Plus.Length + u.Minus.Length == 0) problems.Add($"uncertainty[{i}]: names no input in plus or minus");
            foreach (var input in u.Plus.Concat(u.Minus).Where(x => !configuration.Inputs.Contains(x)))
                problems.Add($"uncertainty[{i}]: \"{input}\" is not one of the inputs ({string.Join(", ", configuration.Inputs)})");
        }

        if (problems.Count > 0) return problems.ToArray();

        state.State = new ForecastState { Configuration = configuration };
        _trained.Clear();
        _served.Clear();
        _uncorrected.Clear();
        _residuals.Clear();
        _lastServed = null;
        _weatherForecast = null;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(RetrainReminder, configuration.RetrainEvery, configuration.RetrainEvery);
        return [];
    }

    public async Task<string[]> Observe(string input, DateTimeOffset start, double[] values)
    {
        var configuration = state.State.Configuration;
        if (configuration is null) return ["the forecast grain is not configured"];
        if (!configuration.Inputs.Contains(input)) return [$"input: \"{input}\" is not one of {string.Join(", ", configuration.Inputs)}"];
        if (values.Select((v, i) => (v, i)).FirstOrDefault(x => !double.IsFinite(x.v) || x.v < 0) is var bad && (bad.v < 0 || !double.IsFinite(bad.v)))
            return [$"values[{bad.i}]: {bad.v} is not a finite power ≥ 0"];
        _lastServed = null;
        var problems = Append(configuration, start, (input, values));
        if (problems.Length == 0) await state.WriteStateAsync();
        return problems;
    }

    public async Task<string[]> ObserveWeather(WeatherSeries measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var configuration = state.State.Configuration;
        if (configuration is null) return ["the forecast grain is not configured"];
        var problems = CheckWeather(measured);
        if (problems.Length > 0) return problems;
        _lastServed = null;
        problems = Append(configuration, measured.Start, (WeatherKey + WeatherSeries.Temperature, measured.TemperatureC), (WeatherKey + WeatherSeries.Irradiance, measured.IrradianceWm2));
        if (problems.Length == 0) await state.WriteStateAsync();
        return problems;
    }

    public Task<string[]> SetWeatherForecast(WeatherSeries forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var configuration = state.State.Configuration;
        if (configuration is null) return Task.FromResult<string[]>(["the forecast grain is not configured"]);
        var problems = CheckWeather(forecast);
        if (problems.Length > 0) return Task.FromResult(problems);
        var step = TimeSpan.FromMinutes(configuration.StepMinutes);
        if ((forecast.Start - DateTimeOffset.UnixEpoch).Ticks % step.Ticks != 0) return Task.FromResult<string[]>([$"start: {forecast.Start:O} is not on the {configuration.StepMinutes}-minute grid"]);
        if (forecast.Issued > forecast.Start) return Task.FromResult<string[]>([$"issued: {forecast.Issued:O} is after the forecast's start ({forecast.Start:O}): a forecast is issued before the weather it forecasts"]);
        _weatherForecast = forecast;
        _lastServed = null;
        return Task.FromResult<string[]>([]);
    }

    public async Task<IReadOnlyDictionary<string, double[]>> Forecast(DateTimeOffset start, int steps)
    {
        var configuration = state.State.Configuration ?? throw new InvalidOperationException("the forecast grain is not configured");
        var now = clock.GetUtcNow();
        if (_trained.Count == 0 || state.State.LastTrained is not { } last || now - last >= configuration.RetrainEvery) await Train(now);
        // Asked again for the same horizon with nothing new measured or forecast: the same answer.
        if (_lastServed is { } cached && cached.Start == start && cached.Steps == steps) return cached.Forecasts;
        var step = TimeSpan.FromMinutes(configuration.StepMinutes);

        var forecasts = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (input, forecaster) in _trained)
        {
            var uncorrected = Uncorrected(input, forecaster, configuration, start, steps);
            var served = uncorrected;
            if (configuration.WithinDayCorrection)
            {
                var residuals = Residuals(input);
                var lastResidual = LastResidual(input, start, step);
                if (lastResidual is { } r) residuals[start - step] = r;
                var phi = Phi(residuals, step);
                served = lastResidual is { } e && phi > 0
                    ? uncorrected.Select((v, k) => Math.Max(0, v + Math.Pow(phi, k + 1) * e)).ToArray()
                    : uncorrected;
                Remember(Horizons(_uncorrected, input), start, uncorrected, TimeSpan.FromDays(2));
            }

            Remember(Horizons(_served, input), start, served, TimeSpan.FromDays(QuantileWindowDays) + step * steps);
            forecasts[input] = served;
        }

        foreach (var u in configuration.Uncertainty ?? [])
        {
            var quantiles = NetQuantiles(u.Plus, u.Minus, start, steps, configuration);
            if (quantiles is not null) forecasts[$"uncertainty:{u.Resource}"] = Enumerable.Range(0, steps).Select(k => Math.Max(0, quantiles.Sigma(k))).ToArray();
        }

        _lastServed = (start, steps, forecasts);
        return forecasts;
    }

    public async Task<IReadOnlyDictionary<string, double[]>> Quantiles(DateTimeOffset start, int steps, double probability)
    {
        if (!(probability > 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability: must lie strictly between 0 and 1");
        var configuration = state.State.Configuration ?? throw new InvalidOperationException("the forecast grain is not configured");
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (!_served.Values.Any(s => s.ContainsKey(start))) await Forecast(start, steps);
        foreach (var input in configuration.Inputs)
        {
            if (!_served.TryGetValue(input, out var served) || !served.TryGetValue(start, out var point) || point.Length < steps) continue;
            var quantiles = NetQuantiles([input], [], start, steps, configuration);
            if (quantiles is not null) result[input] = Enumerable.Range(0, steps).Select(k => Math.Max(0, point[k] + quantiles.Residual(k, probability))).ToArray();
        }

        return result;
    }

    public Task<ForecastStatus> GetStatus()
    {
        var step = TimeSpan.FromMinutes(state.State.Configuration?.StepMinutes ?? 60);
        return Task.FromResult(new ForecastStatus(
            state.State.Configuration?.Method ?? "", state.State.LastTrained, state.State.LastTrainingMs, state.State.Trainings,
            state.State.History.ToDictionary(h => h.Key, h => h.Value.Count(double.IsFinite)),
            state.State.Configuration?.WithinDayCorrection == true ? state.State.Configuration.Inputs.ToDictionary(i => i, i => Phi(Residuals(i), step)) : new Dictionary<string, double>(),
            _served.ToDictionary(s => s.Key, s => s.Value.Count)));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetrainReminder && state.State.Configuration is not null) await Train(clock.GetUtcNow());
    }

    /// <summary>The method's forecast of the horizon with the weather forecast as features, below-zero values served as zero.</summary>
    private double[] Uncorrected(string input, IForecaster forecaster, ForecastConfiguration configuration, DateTimeOffset start, int steps)
    {
        var data = Data(input, configuration, null);
        var values = forecaster.Forecast(data, start, steps, FutureWeather(input, configuration, data, start, steps));
        return values.Select(v => double.IsFinite(v) ? Math.Max(0, v) : 0).ToArray();
    }

    /// <summary>
    /// The measured value of the step before <paramref name="start"/> minus the uncorrected forecast of that step from
    /// the latest horizon served at or before it; null when either is unknown.
    /// </summary>
    private double? LastResidual(string input, DateTimeOffset start, TimeSpan step)
    {
        var previous = start - step;
        var measured = Measured(input, previous, step);
        if (!double.IsFinite(measured) || !_uncorrected.TryGetValue(input, out var horizons)) return null;
        for (var h = horizons.Count - 1; h >= 0; h--)
        {
            var issued = horizons.Keys[h];
            if (issued > previous) continue;
            var lead = (int)((previous - issued).Ticks / step.Ticks);
            return lead < horizons.Values[h].Length ? measured - horizons.Values[h][lead] : null;
        }

        return null;
    }

    /// <summary>Lag-one autocorrelation of consecutive residuals, Σ r(t)·r(t+1) / Σ r(t)², in [0, 0.999]; 0 with fewer than <see cref="MinCorrectionPairs"/> pairs.</summary>
    private static double Phi(SortedList<DateTimeOffset, double> residuals, TimeSpan step)
    {
        double cross = 0, square = 0;
        var pairs = 0;
        for (var i = 1; i < residuals.Count; i++)
        {
            if (residuals.Keys[i] - residuals.Keys[i - 1] != step) continue;
            cross += residuals.Values[i - 1] * residuals.Values[i];
            square += residuals.Values[i - 1] * residuals.Values[i - 1];
            pairs++;
        }

        return pairs < MinCorrectionPairs || square <= 0 ? 0 : Math.Clamp(cross / square, 0, 0.999);
    }

    /// <summary>
    /// Residual quantiles of Σ plus − Σ minus over the served horizons: those issued at the same time of day
    /// (± <see cref="QuantileTimeOfDayWindow"/>) when there are enough, else all; null with too few.
    /// </summary>
    private LeadTimeQuantiles? NetQuantiles(string[] plus, string[] minus, DateTimeOffset start, int steps, ForecastConfiguration configuration)
    {
        var step = TimeSpan.FromMinutes(configuration.StepMinutes);
        var inputs = plus.Concat(minus).ToArray();
        if (inputs.Any(i => !_served.ContainsKey(i))) return null;
        var issues = _served[inputs[0]].Keys.Where(t => t < start && inputs.All(i => _served[i].TryGetValue(t, out var h) && h.Length >= steps)).ToList();
        bool Nearby(DateTimeOffset issued)
        {
            var apart = Math.Abs((issued.TimeOfDay - start.TimeOfDay).TotalHours);
            return Math.Min(apart, 24 - apart) <= QuantileTimeOfDayWindow.TotalHours;
        }

        LeadTimeQuantiles? Fit(IEnumerable<DateTimeOffset> chosen)
        {
            var forecasts = new List<double[]>();
            var actuals = new List<double[]>();
            foreach (var issued in chosen)
            {
                var forecast = new double[steps];
                var actual = new double[steps];
                foreach (var (i, sign) in plus.Select(i => (i, 1.0)).Concat(minus.Select(i => (i, -1.0))))
                {
                    var served = _served[i][issued];
                    for (var k = 0; k < steps; k++)
                    {
                        var t = issued + k * step;
                        forecast[k] += sign * served[k];
                        actual[k] += sign * (t < start ? Measured(i, t, step) : double.NaN);
                    }
                }

                forecasts.Add(forecast);
                actuals.Add(actual);
            }

            if (forecasts.Count == 0) return null;
            try
            {
                return LeadTimeQuantiles.Fit(forecasts, actuals, MinQuantileSamples);
            }
            catch (ArgumentException)
            {
                return null; // a lead step has too few measured residuals yet
            }
        }

        // The horizons issued at this time of day when there are enough (errors differ by hour), else all of them.
        return Fit(issues.Where(Nearby)) ?? Fit(issues);
    }

    private SortedList<DateTimeOffset, double> Residuals(string input) =>
        _residuals.TryGetValue(input, out var r) ? r : _residuals[input] = [];

    private static SortedList<DateTimeOffset, double[]> Horizons(Dictionary<string, SortedList<DateTimeOffset, double[]>> all, string input) =>
        all.TryGetValue(input, out var h) ? h : all[input] = [];

    /// <summary>Keeps <paramref name="values"/> as the horizon issued at <paramref name="start"/> and drops horizons older than <paramref name="keep"/>.</summary>
    private void Remember(SortedList<DateTimeOffset, double[]> horizons, DateTimeOffset start, double[] values, TimeSpan keep)
    {
        horizons[start] = values;
        while (horizons.Count > 0 && horizons.Keys[0] < start - keep) horizons.RemoveAt(0);
        foreach (var residuals in _residuals.Values)
            while (residuals.Count > 0 && residuals.Keys[0] < start - TimeSpan.FromDays(QuantileWindowDays)) residuals.RemoveAt(0);
    }

    /// <summary>The measured value of a history key at <paramref name="t"/>; NaN when not observed.</summary>
    private double Measured(string key, DateTimeOffset t, TimeSpan step)
    {
        if (!state.State.History.TryGetValue(key, out var history) || t < state.State.HistoryStart) return double.NaN;
        var index = (long)((t - state.State.HistoryStart).Ticks / step.Ticks);
        return index < history.Count ? history[(int)index] : double.NaN;
    }

    private async Task Train(DateTimeOffset now)
    {
        var configuration = state.State.Configuration!;
        var clockStart = Stopwatch.GetTimestamp();
        _trained.Clear();
        _lastServed = null;
        foreach (var input in configuration.Inputs)
        {
            // Only what was measured before now: a history that reaches ahead of the clock teaches nothing it could not know.
            var data = Data(input, configuration, now);
            var forecaster = ForecasterCatalog.Create(configuration.Method, configuration.Seed);
            try
            {
                forecaster.Train(data);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Too little or too irregular history for the learned method: same time yesterday until there is enough.
                Log.ForecasterFellBack(logger, this.GetPrimaryKeyString(), input, configuration.Method, e.Message);
                forecaster = new SeasonalNaiveForecaster();
                forecaster.Train(data);
            }

            _trained[input] = forecaster;
        }

        state.State.LastTrained = now;
        state.State.LastTrainingMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds;
        state.State.Trainings++;
        await state.WriteStateAsync();
    }

    /// <summary>
    /// The input's history (up to <paramref name="before"/> when given) with its weather features: the measured weather,
    /// a missing sample held from the last one measured (the first measured before any).
    /// </summary>
    private TimeSeriesData Data(string input, ForecastConfiguration configuration, DateTimeOffset? before)
    {
        var step = TimeSpan.FromMinutes(configuration.StepMinutes);
        var values = state.State.History.TryGetValue(input, out var history) ? history.ToArray() : [];
        if (before is { } end)
        {
            var count = (int)Math.Clamp((end - state.State.HistoryStart).Ticks / step.Ticks, 0, values.Length);
            values = values[..count];
        }

        var features = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var feature in WeatherOf(input, configuration))
        {
            var measured = state.State.History.TryGetValue(WeatherKey + feature, out var w) ? w : [];
            var series = new double[values.Length];
            var first = measured.FirstOrDefault(double.IsFinite);
            var held = double.IsFinite(first) ? first : 0;
            for (var i = 0; i < series.Length; i++)
            {
                if (i < measured.Count && double.IsFinite(measured[i])) held = measured[i];
                series[i] = held;
            }

            features[feature] = series;
        }

        return new TimeSeriesData(state.State.HistoryStart, step, values, features, HolidayCalendar.EnglandAndWales);
    }

    /// <summary>
    /// The weather features over the horizon: the latest weather forecast where it covers a step, else the measured
    /// weather a day before that step (what the forecaster assumes without a forecast); null when the input has none.
    /// </summary>
    private Dictionary<string, double[]>? FutureWeather(string input, ForecastConfiguration configuration, TimeSeriesData data, DateTimeOffset start, int steps)
    {
        var names = WeatherOf(input, configuration);
        if (names.Length == 0) return null;
        var step = data.Step;
        var forecast = _weatherForecast;
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var values = new double[steps];
            var measured = data.Features[name];
            for (var k = 0; k < steps; k++)
            {
                var t = start + k * step;
                var fromForecast = forecast is null ? -1 : (t - forecast.Start).Ticks / step.Ticks;
                var series = name == WeatherSeries.Temperature ? forecast?.TemperatureC : forecast?.IrradianceWm2;
                if (series is not null && fromForecast >= 0 && fromForecast < series.Length && forecast!.Issued <= start) values[k] = series[fromForecast];
                else
                {
                    // A day before, stepping back further while that is still in the horizon; the last measured value at worst.
                    var back = data.IndexOf(t) - data.StepsPerDay;
                    while (back >= data.IndexOf(start)) back -= data.StepsPerDay;
                    var upper = Math.Min(measured.Length, data.IndexOf(start)) - 1;
                    values[k] = upper < 0 ? 0 : measured[Math.Clamp(back, 0, upper)];
                }
            }

            result[name] = values;
        }

        return result;
    }

    private static string[] WeatherOf(string input, ForecastConfiguration configuration) =>
        configuration.Weather is { } weather && weather.TryGetValue(input, out var names) ? names : [];

    private static string[] CheckWeather(WeatherSeries weather)
    {
        var problems = new List<string>();
        if (weather.TemperatureC.Length != weather.IrradianceWm2.Length)
            problems.Add($"irradianceWm2: {weather.IrradianceWm2.Length} samples, temperatureC has {weather.TemperatureC.Length}");
        if (weather.TemperatureC.Select((v, i) => (v, i)).FirstOrDefault(x => !double.IsFinite(x.v) || x.v is < -90 or > 60) is var t && (!double.IsFinite(t.v) || t.v is < -90 or > 60))
            problems.Add($"temperatureC[{t.i}]: {t.v} is not a temperature in [-90, 60] °C");
        if (weather.IrradianceWm2.Select((v, i) => (v, i)).FirstOrDefault(x => !double.IsFinite(x.v) || x.v is < 0 or > 1500) is var g && (!double.IsFinite(g.v) || g.v is < 0 or > 1500))
            problems.Add($"irradianceWm2[{g.i}]: {g.v} is not an irradiance in [0, 1500] W/m²");
        return problems.ToArray();
    }

    /// <summary>Writes each (key, values) at <paramref name="start"/> on the grid; nothing is written when a check fails.</summary>
    private string[] Append(ForecastConfiguration configuration, DateTimeOffset start, params (string Key, double[] Values)[] series)
    {
        var step = TimeSpan.FromMinutes(configuration.StepMinutes);
        if ((start - DateTimeOffset.UnixEpoch).Ticks % step.Ticks != 0) return [$"start: {start:O} is not on the {configuration.StepMinutes}-minute grid"];
        if (state.State.History.Count == 0) state.State.HistoryStart = start;
        if (start < state.State.HistoryStart) return [$"start: {start:O} is before the history ({state.State.HistoryStart:O})"];
        var offset = (int)((start - state.State.HistoryStart).Ticks / step.Ticks);
        foreach (var (key, values) in series)
        {
            var history = state.State.History.TryGetValue(key, out var existing) ? existing : state.State.History[key] = [];
            while (history.Count < offset + values.Length) history.Add(double.NaN);
            for (var i = 0; i < values.Length; i++) history[offset + i] = values[i];
        }

        Trim(step, configuration.HistoryDays);
        return [];
    }

    private void Trim(TimeSpan step, int historyDays)
    {
        var keep = (int)(TimeSpan.FromDays(historyDays).Ticks / step.Ticks);
        var longest = state.State.History.Values.Max(h => h.Count);
        var drop = longest - keep;
        var stepsPerDay = (int)(TimeSpan.TicksPerDay / step.Ticks);
        drop -= drop % stepsPerDay; // whole days, so the history keeps starting at midnight
        if (drop <= 0) return;
        foreach (var history in state.State.History.Values) history.RemoveRange(0, Math.Min(drop, history.Count));
        state.State.HistoryStart += step * drop;
    }
}

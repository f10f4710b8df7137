using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sems.Contracts;
using Sems.Forecasting;

namespace Sems.Grains;

/// <summary>
/// A subsystem's forecaster: keeps the measured history of the inputs it forecasts, retrains on a schedule judged on
/// the SEMS clock (so a simulation retrains daily in simulated time; in live operation a reminder wakes it), and serves
/// day-ahead forecasts. The inputs are powers, so forecasts below zero are served as zero.
/// </summary>
public sealed class ForecastGrain(
    [PersistentState("forecast", SemsGrainOptions.Storage)] IPersistentState<ForecastState> state,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock,
    ILogger<ForecastGrain> logger) : Grain, IForecastGrain, IRemindable
{
    private const string RetrainReminder = "retrain";
    private readonly Dictionary<string, IForecaster> _trained = new(StringComparer.Ordinal);

    public async Task<string[]> Configure(ForecastConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        if (!ForecasterCatalog.Methods.Contains(configuration.Method)) problems.Add($"method: \"{configuration.Method}\" is not one of {string.Join(", ", ForecasterCatalog.Methods)}");
        if (configuration.Inputs.Length == 0) problems.Add("inputs: none given");
        if (configuration.StepMinutes <= 0 || 1440 % configuration.StepMinutes != 0) problems.Add($"stepMinutes: {configuration.StepMinutes} does not divide a day");
        if (configuration.RetrainEvery < TimeSpan.FromMinutes(1)) problems.Add($"retrainEvery: {configuration.RetrainEvery} is shorter than a minute");
        if (configuration.HistoryDays < 21) problems.Add($"historyDays: {configuration.HistoryDays} is fewer than 21 days");
        if (problems.Count > 0) return problems.ToArray();

        state.State = new ForecastState { Configuration = configuration };
        _trained.Clear();
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(RetrainReminder, configuration.RetrainEvery, configuration.RetrainEvery);
        return [];
    }

    public async Task<string[]> Observe(string input, DateTimeOffset start, double[] values)
    {
        var configuration = state.State.Configuration;
        if (configuration is null) return ["the forecast grain is not configured"];
        if (!configuration.Inputs.Contains(input)) return [$"input: \"{input}\" is not one of {string.Join(", ", configuration.Inputs)}"];
        var step = TimeSpan.FromMinutes(configuration.StepMinutes);
        if ((start - DateTimeOffset.UnixEpoch).Ticks % step.Ticks != 0) return [$"start: {start:O} is not on the {configuration.StepMinutes}-minute grid"];
        if (values.Select((v, i) => (v, i)).FirstOrDefault(x => !double.IsFinite(x.v) || x.v < 0) is var bad && (bad.v < 0 || !double.IsFinite(bad.v)))
            return [$"values[{bad.i}]: {bad.v} is not a finite power ≥ 0"];

        if (state.State.History.Count == 0) state.State.HistoryStart = start;
        if (start < state.State.HistoryStart) return [$"start: {start:O} is before the history ({state.State.HistoryStart:O})"];
        var history = state.State.History.TryGetValue(input, out var existing) ? existing : state.State.History[input] = [];
        var offset = (int)((start - state.State.HistoryStart).Ticks / step.Ticks);
        while (history.Count < offset + values.Length) history.Add(double.NaN);
        for (var i = 0; i < values.Length; i++) history[offset + i] = values[i];
        Trim(step, configuration.HistoryDays);
        await state.WriteStateAsync();
        return [];
    }

    public async Task<IReadOnlyDictionary<string, double[]>> Forecast(DateTimeOffset start, int steps)
    {
        var configuration = state.State.Configuration ?? throw new InvalidOperationException("the forecast grain is not configured");
        var now = clock.GetUtcNow();
        if (_trained.Count == 0 || state.State.LastTrained is not { } last || now - last >= configuration.RetrainEvery) await Train(now);

        var forecasts = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (input, forecaster) in _trained)
        {
            var values = forecaster.Forecast(Data(input, configuration), start, steps, null);
            forecasts[input] = values.Select(v => double.IsFinite(v) ? Math.Max(0, v) : 0).ToArray();
        }

        return forecasts;
    }

    public Task<ForecastStatus> GetStatus() => Task.FromResult(new ForecastStatus(
        state.State.Configuration?.Method ?? "", state.State.LastTrained, state.State.LastTrainingMs, state.State.Trainings,
        state.State.History.ToDictionary(h => h.Key, h => h.Value.Count(double.IsFinite))));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetrainReminder && state.State.Configuration is not null) await Train(clock.GetUtcNow());
    }

    private async Task Train(DateTimeOffset now)
    {
        var configuration = state.State.Configuration!;
        var clockStart = Stopwatch.GetTimestamp();
        _trained.Clear();
        foreach (var input in configuration.Inputs)
        {
            var data = Data(input, configuration);
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

    private TimeSeriesData Data(string input, ForecastConfiguration configuration)
    {
        var values = state.State.History.TryGetValue(input, out var history) ? history.ToArray() : [];
        return new TimeSeriesData(state.State.HistoryStart, TimeSpan.FromMinutes(configuration.StepMinutes), values);
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

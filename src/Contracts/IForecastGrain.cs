namespace Sems.Contracts;

/// <summary>
/// One subsystem's forecaster (key "district/subsystem", like its subsystem grain): keeps the history of the inputs it
/// forecasts, retrains on a schedule (daily by default) and serves day-ahead forecasts to its subsystem grain.
/// </summary>
[Alias("sems.IForecastGrain")]
public interface IForecastGrain : IGrainWithStringKey
{
    /// <summary>Sets the method and inputs; returns problems (empty when accepted). The subsystem grain calls this grain (never the reverse): tell it with <see cref="ISubsystemGrain.UseForecaster"/>.</summary>
    [Alias("Configure")]
    Task<string[]> Configure(ForecastConfiguration configuration);

    /// <summary>Appends measured values of one input, <paramref name="values"/>[i] at start + i·step.</summary>
    [Alias("Observe")]
    Task<string[]> Observe(string input, DateTimeOffset start, double[] values);

    /// <summary>Day-ahead forecasts of every configured input for the horizon starting at <paramref name="start"/>; retrains first when due.</summary>
    [Alias("Forecast")]
    Task<IReadOnlyDictionary<string, double[]>> Forecast(DateTimeOffset start, int steps);

    [Alias("GetStatus"), Orleans.Concurrency.ReadOnly]
    Task<ForecastStatus> GetStatus();
}

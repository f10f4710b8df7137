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

    /// <summary>
    /// Day-ahead forecasts of every configured input for the horizon starting at <paramref name="start"/> (corrected
    /// within the day when configured), and each configured <c>uncertainty:{resource}</c> (σ, kW per step) once enough
    /// past horizons are known; retrains first when due.
    /// </summary>
    [Alias("Forecast")]
    Task<IReadOnlyDictionary<string, double[]>> Forecast(DateTimeOffset start, int steps);

    /// <summary>
    /// Appends measured weather (the features of <see cref="ForecastConfiguration.Weather"/>) on the grain's grid: what
    /// the site's weather station read. Training uses it; a forecast never reads measured weather at or after its start.
    /// </summary>
    [Alias("ObserveWeather")]
    Task<string[]> ObserveWeather(WeatherSeries measured);

    /// <summary>
    /// The latest day-ahead weather forecast: the features of the horizons that start within it (a step it does not
    /// cover repeats the measured weather of the day before). Replaces the previous forecast.
    /// </summary>
    [Alias("SetWeatherForecast")]
    Task<string[]> SetWeatherForecast(WeatherSeries forecast);

    /// <summary>
    /// Per input, the forecast of the horizon from <paramref name="start"/> shifted by the empirical residual quantile
    /// of <paramref name="probability"/> at each lead step (fitted on the horizons served so far and what was then
    /// measured); an input with too few past horizons is left out. Serves the point forecast first when it was not yet.
    /// </summary>
    [Alias("Quantiles")]
    Task<IReadOnlyDictionary<string, double[]>> Quantiles(DateTimeOffset start, int steps, double probability);

    [Alias("GetStatus"), Orleans.Concurrency.ReadOnly]
    Task<ForecastStatus> GetStatus();
}

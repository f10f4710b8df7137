namespace Sems.Contracts;

/// <summary>
/// What a forecast grain learns and serves for its subsystem.
/// </summary>
/// <param name="Method">seasonal-naive, day-prototype-gb, day-prototype-rf, regression-fasttree or regression-lightgbm.</param>
/// <param name="Inputs">Forecast keys it serves (e.g. "demand:ev-charging", "resourceMax:solar", "disturbance:heatLoad").</param>
/// <param name="StepMinutes">Step of the history it receives and of the forecasts it serves.</param>
/// <param name="RetrainEvery">Retraining period (a reminder wakes it in live operation; in simulation the injected clock decides).</param>
/// <param name="HistoryDays">How many days of history it keeps and trains on.</param>
/// <param name="Weather">Input → the weather features it is trained and forecast with (<see cref="WeatherSeries.Temperature"/>,
/// <see cref="WeatherSeries.Irradiance"/>): measured weather in training, the latest weather forecast over the horizon;
/// null or an input left out for none.</param>
/// <param name="WithinDayCorrection">Whether every forecast is corrected from the latest measurement: the last step's
/// residual r (measured − uncorrected forecast) adds φ^(k+1)·r at lead step k, φ the lag-one autocorrelation of the
/// residuals of the forecasts served so far.</param>
/// <param name="Uncertainty">The <c>uncertainty:{resource}</c> keys to serve, fitted on the residuals of past horizons; null for none.</param>
[GenerateSerializer, Immutable, Alias("sems.ForecastConfiguration")]
public sealed record ForecastConfiguration(
    [property: Id(0)] string Method,
    [property: Id(1)] string[] Inputs,
    [property: Id(2)] int StepMinutes,
    [property: Id(3)] TimeSpan RetrainEvery,
    [property: Id(4)] int HistoryDays,
    [property: Id(5)] int Seed,
    [property: Id(6)] IReadOnlyDictionary<string, string[]>? Weather = null,
    [property: Id(7)] bool WithinDayCorrection = false,
    [property: Id(8)] ForecastUncertainty[]? Uncertainty = null);

namespace Sems.Contracts;

/// <summary>
/// What a forecast grain learns and serves for its subsystem.
/// </summary>
/// <param name="Method">seasonal-naive, day-prototype-gb, day-prototype-rf, regression-fasttree or regression-lightgbm.</param>
/// <param name="Inputs">Forecast keys it serves (e.g. "demand:ev-charging", "resourceMax:solar", "disturbance:heatLoad").</param>
/// <param name="StepMinutes">Step of the history it receives and of the forecasts it serves.</param>
/// <param name="RetrainEvery">Retraining period (a reminder wakes it in live operation; in simulation the injected clock decides).</param>
/// <param name="HistoryDays">How many days of history it keeps and trains on.</param>
[GenerateSerializer, Immutable, Alias("sems.ForecastConfiguration")]
public sealed record ForecastConfiguration(
    [property: Id(0)] string Method,
    [property: Id(1)] string[] Inputs,
    [property: Id(2)] int StepMinutes,
    [property: Id(3)] TimeSpan RetrainEvery,
    [property: Id(4)] int HistoryDays,
    [property: Id(5)] int Seed);

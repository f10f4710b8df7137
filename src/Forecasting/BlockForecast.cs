namespace Sems.Forecasting;

/// <summary>Day-ahead forecasts of a block of whole days and their accuracy, in the unit of the target.</summary>
/// <param name="FirstDay">Midnight at which the block's first day begins.</param>
/// <param name="Days">Days in the block.</param>
/// <param name="SkippedDays">Days without any measured sample, neither forecast nor scored.</param>
/// <param name="Scores">Accuracy over every measured sample of the block.</param>
/// <param name="MaeByLeadHour">MAE of the samples in hour 1, 2, … 24 after the forecast's midnight (index 0 is hour 1);
/// NaN for an hour without a measured sample.</param>
/// <param name="Actual">Measured samples, days × steps per day long (NaN where missing).</param>
/// <param name="Predicted">Forecasts aligned with <paramref name="Actual"/> (NaN on skipped days).</param>
public sealed record BlockForecast(
    DateTimeOffset FirstDay,
    int Days,
    int SkippedDays,
    ForecastScores Scores,
    double[] MaeByLeadHour,
    double[] Actual,
    double[] Predicted);

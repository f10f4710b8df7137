namespace Sems.Forecasting;

/// <summary>Outcome of a rolling day-ahead back-test by <see cref="ForecastMetrics.Evaluate"/>.</summary>
/// <param name="ForecasterName">The forecaster's <see cref="IForecaster.Name"/>.</param>
/// <param name="TrainingDays">Whole calendar days before the test period (the forecaster trained on all samples before it).</param>
/// <param name="TestStart">Midnight at which the first test day begins.</param>
/// <param name="TestDays">Number of test days.</param>
/// <param name="SkippedTestDays">Test days without any measured sample, which were neither forecast nor scored.</param>
/// <param name="Scores">Accuracy over every measured test sample, in the unit of the target.</param>
/// <param name="Actual">Measured test samples, test-days × steps-per-day long (NaN where missing).</param>
/// <param name="Predicted">Day-ahead forecasts aligned with <paramref name="Actual"/> (NaN on skipped days).</param>
public sealed record ForecastEvaluation(
    string ForecasterName,
    int TrainingDays,
    DateTimeOffset TestStart,
    int TestDays,
    int SkippedTestDays,
    ForecastScores Scores,
    double[] Actual,
    double[] Predicted);

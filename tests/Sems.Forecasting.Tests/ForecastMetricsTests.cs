namespace Sems.Forecasting.Tests;

public sealed class ForecastMetricsTests
{
    // y = 10, 20, 30, 40 (ȳ = 25); ŷ = 12, 18, 33, 40; y − ŷ = −2, 2, −3, 0; Σ(y − ŷ) = −3; Σ|y − ŷ| = 7; Σ(y − ŷ)² = 17.
    private static readonly double[] Actual = [10, 20, 30, 40];
    private static readonly double[] Predicted = [12, 18, 33, 40];

    [Fact]
    public void Mae_and_rmse_match_hand_computed_values()
    {
        Assert.Equal(7.0 / 4.0, ForecastMetrics.MeanAbsoluteError(Actual, Predicted), 12);
        Assert.Equal(Math.Sqrt(17.0 / 4.0), ForecastMetrics.RootMeanSquareError(Actual, Predicted), 12);
        Assert.Equal(2.0615528128, ForecastMetrics.RootMeanSquareError(Actual, Predicted), 9);
    }

    [Fact]
    public void Guideline14_statistics_with_p_1_match_hand_computed_values()
    {
        // NMBE = −3 / ((4 − 1)·25)·100 = −4 %; CV(RMSE) = √(17 / 3) / 25·100 = 9.5219 %.
        Assert.Equal(-4.0, ForecastMetrics.NmbePercent(Actual, Predicted), 12);
        Assert.Equal(9.5219045713, ForecastMetrics.CvRmsePercent(Actual, Predicted), 9);
        var scores = ForecastMetrics.Score(Actual, Predicted);
        Assert.Equal(new ForecastScores(1.75, Math.Sqrt(4.25), -4.0, Math.Sqrt(17.0 / 3.0) / 25.0 * 100.0, 4, 1), scores);
    }

    [Fact]
    public void Guideline14_statistics_with_p_0_use_n()
    {
        // NMBE = −3 / (4·25)·100 = −3 %; CV(RMSE) = √(17 / 4) / 25·100 = 8.2462 %.
        Assert.Equal(-3.0, ForecastMetrics.NmbePercent(Actual, Predicted, parameterCount: 0), 12);
        Assert.Equal(8.2462112512, ForecastMetrics.CvRmsePercent(Actual, Predicted, parameterCount: 0), 9);
    }

    [Fact]
    public void Metrics_reject_unequal_lengths_non_finite_values_and_a_zero_mean()
    {
        Assert.Throws<ArgumentException>(() => ForecastMetrics.MeanAbsoluteError([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => ForecastMetrics.RootMeanSquareError([1, double.NaN], [1, 2]));
        Assert.Throws<ArgumentException>(() => ForecastMetrics.NmbePercent([-1, 1], [0, 0], 0));
        Assert.Throws<ArgumentException>(() => ForecastMetrics.CvRmsePercent([5], [4], 1));
    }

    [Fact]
    public void Evaluate_scores_the_last_days_day_ahead_as_computed_directly()
    {
        var (data, _) = SyntheticDemand.Generate(days: 60, seed: 3);
        var evaluation = ForecastMetrics.Evaluate(new SeasonalNaiveForecaster(), data, testDays: 10);

        // Independently: the last 10 days (240 hours) against the same hour one day earlier.
        var first = 50 * 24;
        var expectedMae = Enumerable.Range(first, 240).Average(i => Math.Abs(data.Values[i] - data.Values[i - 24]));
        Assert.Equal(expectedMae, evaluation.Scores.MeanAbsoluteError, 9);
        Assert.Equal(50, evaluation.TrainingDays);
        Assert.Equal(SyntheticDemand.Start.AddDays(50), evaluation.TestStart);
        Assert.Equal(240, evaluation.Scores.SampleCount);
        Assert.Equal(0, evaluation.SkippedTestDays);
        Assert.Equal(data.Values[first..(first + 240)], evaluation.Actual);
        Assert.Equal(data.Values[(first - 24)..(first + 216)], evaluation.Predicted);
    }

    [Fact]
    public void Evaluate_skips_test_days_without_measurements_and_ignores_missing_samples()
    {
        var (data, _) = SyntheticDemand.Generate(days: 40, seed: 4);
        Array.Fill(data.Values, double.NaN, 35 * 24, 24);
        data.Values[38 * 24 + 5] = double.NaN;
        var evaluation = ForecastMetrics.Evaluate(new SeasonalNaiveForecaster(), data, testDays: 5);

        Assert.Equal(1, evaluation.SkippedTestDays);
        Assert.Equal(4 * 24 - 1, evaluation.Scores.SampleCount);
        Assert.All(evaluation.Predicted.AsSpan(0, 24).ToArray(), p => Assert.True(double.IsNaN(p)));

        // Day 36 follows the skipped day 35, so its "yesterday" falls back to day 34.
        Assert.Equal(data.Values[34 * 24 + 7], evaluation.Predicted[24 + 7]);
    }

    [Fact]
    public void Evaluate_refuses_too_few_training_days()
    {
        var (data, _) = SyntheticDemand.Generate(days: 20, seed: 5);
        var error = Assert.Throws<ArgumentException>(() => ForecastMetrics.Evaluate(new SeasonalNaiveForecaster(), data, testDays: 10));
        Assert.Contains("10 for training", error.Message, StringComparison.Ordinal);
    }
}

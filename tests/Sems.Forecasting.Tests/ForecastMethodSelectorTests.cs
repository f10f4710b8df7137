namespace Sems.Forecasting.Tests;

/// <summary>
/// The per-series default: chosen on the validation block alone, scored on the test block; MAE by lead hour.
/// </summary>
public sealed class ForecastMethodSelectorTests
{
    /// <summary>Cheats: knows the whole series and forecasts it exactly on the test block, badly elsewhere.</summary>
    private sealed class TestBlockOracle(TimeSeriesData truth, int testStartIndex) : IForecaster
    {
        public string Name => "oracle on the test block";

        public void Train(TimeSeriesData history)
        {
        }

        public double[] Forecast(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures)
        {
            var i = history.IndexOf(start);
            return Enumerable.Range(i, steps).Select(k => k >= testStartIndex ? truth.Values[k] : truth.Values[k] + 50.0).ToArray();
        }
    }

    [Fact]
    public void The_lowest_validation_mae_below_the_baseline_wins_among_eligible_methods()
    {
        (string, double, bool)[] scores = [("naive", 1.0, true), ("a", 0.9, true), ("b", 0.7, false), ("c", 0.8, true), ("d", double.NaN, true)];
        Assert.Equal("c", ForecastMethodSelector.Choose(scores, "naive"));
    }

    [Fact]
    public void The_baseline_stays_when_no_eligible_method_beats_it_on_validation()
    {
        (string, double, bool)[] scores = [("naive", 1.0, true), ("equal", 1.0, true), ("worse", 1.2, true), ("better-but-removed", 0.5, false)];
        Assert.Equal("naive", ForecastMethodSelector.Choose(scores, "naive"));
    }

    [Fact]
    public void A_method_perfect_on_the_test_block_but_worse_on_validation_is_not_chosen()
    {
        var (data, _) = SyntheticDemand.Generate(days: 60, seed: 4);
        var testStart = 50 * 24;
        var selection = ForecastMethodSelector.Evaluate(
            [new("seasonal-naive", new SeasonalNaiveForecaster()), new("oracle", new TestBlockOracle(data, testStart))],
            "seasonal-naive", data, validationDays: 10, testDays: 10);

        Assert.Equal(0.0, selection["oracle"].Test!.Scores.MeanAbsoluteError);
        Assert.Equal(50.0, selection["oracle"].Validation!.Scores.MeanAbsoluteError, 9);
        Assert.Equal("seasonal-naive", selection.ChosenMethod);
        Assert.Equal(40, selection.TrainingDays);
        Assert.Equal(data.TimeAt(40 * 24), selection.ValidationStart);
    }

    [Fact]
    public void Block_and_lead_hour_maes_of_seasonal_naive_match_a_direct_computation()
    {
        var (data, _) = SyntheticDemand.Generate(days: 40, seed: 9);
        var selection = ForecastMethodSelector.Evaluate([new("seasonal-naive", new SeasonalNaiveForecaster())], "seasonal-naive", data, 7, 5);
        var naive = selection.Baseline;

        // Same time yesterday, computed from the raw values: validation days 28–34, test days 35–39.
        double Mae(int firstDay, int days, Func<int, bool> keep) => Enumerable.Range(firstDay * 24, days * 24).Where(keep)
            .Average(i => Math.Abs(data.Values[i] - data.Values[i - 24]));
        Assert.Equal(Mae(28, 7, _ => true), naive.Validation!.Scores.MeanAbsoluteError, 12);
        Assert.Equal(Mae(35, 5, _ => true), naive.Test!.Scores.MeanAbsoluteError, 12);
        Assert.Equal(24, naive.Test.MaeByLeadHour.Length);
        for (var h = 0; h < 24; h++)
        {
            Assert.Equal(Mae(35, 5, i => i % 24 == h), naive.Test.MaeByLeadHour[h], 12);
        }

        Assert.Equal("seasonal-naive", selection.ChosenMethod);
    }

    [Fact]
    public void Half_hour_steps_fall_two_to_a_lead_hour()
    {
        Assert.Equal(0, ForecastMethodSelector.LeadHourIndex(TimeSpan.FromMinutes(30), 1));
        Assert.Equal(1, ForecastMethodSelector.LeadHourIndex(TimeSpan.FromMinutes(30), 2));
        Assert.Equal(23, ForecastMethodSelector.LeadHourIndex(TimeSpan.FromMinutes(30), 47));
        Assert.Equal(23, ForecastMethodSelector.LeadHourIndex(TimeSpan.FromMinutes(15), 95));
    }

    [Fact]
    public void Blocks_that_leave_too_little_training_are_refused_with_the_numbers()
    {
        var (data, _) = SyntheticDemand.Generate(days: 30, seed: 9);
        var e = Assert.Throws<ArgumentException>(() =>
            ForecastMethodSelector.Evaluate([new("seasonal-naive", new SeasonalNaiveForecaster())], "seasonal-naive", data, 10, 10));
        Assert.Contains("30 whole days; 10 validation and 10 test days leave 10 for training, fewer than 14", e.Message, StringComparison.Ordinal);
    }
}

using Xunit.Abstractions;

namespace Sems.Forecasting.Tests;

/// <summary>A year of hourly synthetic demand, back-tested on its last 60 days, once for the whole class.</summary>
public sealed class SyntheticYearFixture
{
    public const int TestDays = 60;

    public SyntheticYearFixture()
    {
        (Data, NoiseFreeKw) = SyntheticDemand.Generate(days: 365, seed: 2022);
        NaiveDay = ForecastMetrics.Evaluate(new SeasonalNaiveForecaster(SeasonalNaivePeriod.Day), Data, TestDays);
        NaiveWeek = ForecastMetrics.Evaluate(new SeasonalNaiveForecaster(SeasonalNaivePeriod.Week), Data, TestDays);
    }

    public TimeSeriesData Data { get; }

    public double[] NoiseFreeKw { get; }

    public ForecastEvaluation NaiveDay { get; }

    public ForecastEvaluation NaiveWeek { get; }
}

public sealed class LearnedForecasterTests(SyntheticYearFixture year, ITestOutputHelper output) : IClassFixture<SyntheticYearFixture>
{
    public static TheoryData<string> Methods => ["prototype-gb", "prototype-rf", "regression-fasttree", "regression-lightgbm"];

    private static IForecaster Create(string method, int seed = 7) => method switch
    {
        "prototype-gb" => new DayPrototypeForecaster(8, ClassifierKind.GradientBoosting, seed),
        "prototype-rf" => new DayPrototypeForecaster(8, ClassifierKind.RandomForest, seed),
        "regression-fasttree" => new RegressionForecaster(RegressionKind.FastTree, seed),
        "regression-lightgbm" => new RegressionForecaster(RegressionKind.LightGbm, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    [Fact]
    public void The_baseline_provably_errs_on_the_synthetic_data()
    {
        // With zero-mean noise, E|a + noise| ≥ |a|, so the expected MAE of "same time yesterday" is at least the mean
        // absolute change of the noise-free signal from one day to the next over the test period.
        var first = (365 - SyntheticYearFixture.TestDays) * 24;
        var bound = Enumerable.Range(first, SyntheticYearFixture.TestDays * 24).Average(i => Math.Abs(year.NoiseFreeKw[i] - year.NoiseFreeKw[i - 24]));
        output.WriteLine($"noise-free day-to-day change {bound:0.00} kW; seasonal-naive MAE {year.NaiveDay.Scores.MeanAbsoluteError:0.00} kW (day), {year.NaiveWeek.Scores.MeanAbsoluteError:0.00} kW (week)");
        Assert.True(bound > 10.0, $"the signal changes by only {bound:0.00} kW a day");
        Assert.True(year.NaiveDay.Scores.MeanAbsoluteError >= 0.95 * bound);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Learned_method_beats_seasonal_naive_mae_on_a_known_pattern(string method)
    {
        var evaluation = ForecastMetrics.Evaluate(Create(method), year.Data, SyntheticYearFixture.TestDays);
        var s = evaluation.Scores;
        output.WriteLine($"{evaluation.ForecasterName}: MAE {s.MeanAbsoluteError:0.00} kW, RMSE {s.RootMeanSquareError:0.00} kW, NMBE {s.NmbePercent:0.0} %, CV(RMSE) {s.CvRmsePercent:0.0} %; " +
            $"seasonal naive MAE {year.NaiveDay.Scores.MeanAbsoluteError:0.00} kW (day), {year.NaiveWeek.Scores.MeanAbsoluteError:0.00} kW (week)");

        Assert.Equal(SyntheticYearFixture.TestDays * 24, s.SampleCount);
        Assert.True(s.MeanAbsoluteError < 0.5 * year.NaiveDay.Scores.MeanAbsoluteError, $"MAE {s.MeanAbsoluteError:0.00} kW vs naive (day) {year.NaiveDay.Scores.MeanAbsoluteError:0.00} kW");
        Assert.True(s.MeanAbsoluteError < 0.5 * year.NaiveWeek.Scores.MeanAbsoluteError, $"MAE {s.MeanAbsoluteError:0.00} kW vs naive (week) {year.NaiveWeek.Scores.MeanAbsoluteError:0.00} kW");

        // No method can beat the noise: E|noise| = σ·√(2/π).
        Assert.True(s.MeanAbsoluteError > 0.9 * SyntheticDemand.NoiseStdKw * Math.Sqrt(2.0 / Math.PI));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Same_seed_gives_the_same_forecast(string method)
    {
        var history = year.Data.Slice(0, 200 * 24);
        var start = history.End;
        var future = new Dictionary<string, double[]> { ["temperature"] = year.Data.Features["temperature"].AsSpan(200 * 24, 24).ToArray() };

        var first = Create(method);
        first.Train(history);
        var second = Create(method);
        second.Train(history);
        var forecast = first.Forecast(history, start, 24, future);

        Assert.Equal(forecast, second.Forecast(history, start, 24, future));
        first.Train(history);
        Assert.Equal(forecast, first.Forecast(history, start, 24, future));
        Assert.All(forecast, v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Forecasts_start_at_any_step_and_run_past_one_day_without_future_features(string method)
    {
        var history = year.Data.Slice(0, 100 * 24 + 12);
        var forecaster = Create(method);
        forecaster.Train(history);
        var forecast = forecaster.Forecast(history, history.End, 36, futureFeatures: null);
        Assert.Equal(36, forecast.Length);
        Assert.All(forecast, v => Assert.True(double.IsFinite(v) && v >= 0.0, $"forecast {v}"));
    }

    [Theory]
    [InlineData("prototype-gb")]
    [InlineData("regression-fasttree")]
    public void Fifteen_minute_data_gives_96_step_days_and_still_beats_the_baseline(string method)
    {
        var (data, _) = SyntheticDemand.Generate(days: 75, seed: 15, stepsPerDay: 96);
        var naive = ForecastMetrics.Evaluate(new SeasonalNaiveForecaster(), data, testDays: 14);
        var evaluation = ForecastMetrics.Evaluate(Create(method), data, testDays: 14);
        output.WriteLine($"{evaluation.ForecasterName}, 15 min: MAE {evaluation.Scores.MeanAbsoluteError:0.00} kW vs naive {naive.Scores.MeanAbsoluteError:0.00} kW");
        Assert.Equal(14 * 96, evaluation.Scores.SampleCount);
        Assert.True(evaluation.Scores.MeanAbsoluteError < naive.Scores.MeanAbsoluteError);
    }

    [Fact]
    public void Day_prototypes_are_shapes_with_mean_one()
    {
        var forecaster = new DayPrototypeForecaster(4, ClassifierKind.GradientBoosting, 1);
        Assert.Empty(forecaster.Prototypes);
        forecaster.Train(year.Data.Slice(0, 120 * 24));
        Assert.InRange(forecaster.Prototypes.Count, 2, 4);
        Assert.All(forecaster.Prototypes, p => Assert.Equal(1.0, p.Average(), 4));
    }

    [Fact]
    public void Too_short_a_history_is_refused()
    {
        var history = year.Data.Slice(0, 10 * 24);
        Assert.Throws<InvalidOperationException>(() => Create("prototype-gb").Train(history));
        Assert.Throws<InvalidOperationException>(() => Create("regression-fasttree").Train(history));
    }
}

using Sems.Forecasting.Weather;

namespace Sems.Forecasting.Tests;

/// <summary>
/// Forecasts never see the future: for every method, a forecast issued at time t is bit-identical whether the history
/// after t is the measured one, a wildly altered one (target and features), or cut off at t.
/// </summary>
public sealed class ForecastLeakageTests
{
    /// <summary>Issued at midnight and mid-morning: the horizon then straddles a midnight.</summary>
    private static readonly int[] IssueSteps = [60 * 24, 60 * 24 + 9];

    public static TheoryData<string> Methods => ["naive-day", "naive-week", "prototype-gb", "prototype-rf", "regression-fasttree", "regression-lightgbm", "regression-level", "seasonal-median"];

    public static TheoryData<string> PvMethods => ["pv-clear-sky", "pv-clear-sky-irradiance", "pv-regression", "pv-regression-irradiance"];

    private static IForecaster Create(string method) => method switch
    {
        "naive-day" => new SeasonalNaiveForecaster(SeasonalNaivePeriod.Day),
        "naive-week" => new SeasonalNaiveForecaster(SeasonalNaivePeriod.Week),
        "prototype-gb" => new DayPrototypeForecaster(8, ClassifierKind.GradientBoosting, 3),
        "prototype-rf" => new DayPrototypeForecaster(8, ClassifierKind.RandomForest, 3),
        "regression-fasttree" => new RegressionForecaster(RegressionKind.FastTree, 3),
        "regression-lightgbm" => new RegressionForecaster(RegressionKind.LightGbm, 3),
        "regression-level" => new LevelRegressionForecaster(RegressionKind.LightGbm, 3),
        "seasonal-median" => new SeasonalMedianForecaster(),
        "pv-clear-sky" => new ClearSkyPvForecaster(SyntheticPv.Bath),
        "pv-clear-sky-irradiance" => new ClearSkyPvForecaster(SyntheticPv.Bath, "ghi"),
        "pv-regression" => new PvRegressionForecaster(SyntheticPv.Bath, null, RegressionKind.FastTree, 3),
        "pv-regression-irradiance" => new PvRegressionForecaster(SyntheticPv.Bath, "ghi", RegressionKind.FastTree, 3),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>The series with every target and feature sample at or after <paramref name="from"/> replaced.</summary>
    private static TimeSeriesData AlterFuture(TimeSeriesData data, int from)
    {
        var values = (double[])data.Values.Clone();
        for (var i = from; i < values.Length; i++) values[i] = 1000.0 + 7.0 * (i % 13);
        var features = data.Features.ToDictionary(f => f.Key, f =>
        {
            var series = (double[])f.Value.Clone();
            for (var i = from; i < series.Length; i++) series[i] = -40.0 + (i % 5);
            return series;
        });
        return new TimeSeriesData(data.Start, data.Step, values, features, data.Holidays);
    }

    /// <summary>
    /// The 24-step forecast issued at step <paramref name="t"/> from the full series, asserted equal to the ones from
    /// the series with every value after <paramref name="t"/> altered and from the series cut at <paramref name="t"/>.
    /// </summary>
    private static double[] AssertIgnoresTheFuture(IForecaster forecaster, TimeSeriesData data, int t)
    {
        var horizon = data.Features.ToDictionary(f => f.Key, f => f.Value.AsSpan(t, 24).ToArray());
        var measured = forecaster.Forecast(data, data.TimeAt(t), 24, horizon);
        var altered = forecaster.Forecast(AlterFuture(data, t), data.TimeAt(t), 24, horizon);
        var cut = forecaster.Forecast(data.Slice(0, t), data.TimeAt(t), 24, horizon);

        Assert.Equal(measured, altered);
        Assert.Equal(measured, cut);
        return measured;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_forecast_issued_at_t_ignores_every_value_after_t(string method)
    {
        var (data, _) = SyntheticDemand.Generate(days: 70, seed: 11);
        var forecaster = Create(method);
        forecaster.Train(data.Slice(0, 50 * 24));

        foreach (var t in IssueSteps) AssertIgnoresTheFuture(forecaster, data, t);
    }

    [Theory]
    [MemberData(nameof(PvMethods))]
    public void A_PV_forecast_issued_at_t_ignores_every_value_after_t(string method)
    {
        var (data, _) = SyntheticPv.Generate(days: 70, seed: 11);
        var forecaster = Create(method);
        forecaster.Train(data.Slice(0, 50 * 24));
        foreach (var t in IssueSteps)
        {
            var measured = AssertIgnoresTheFuture(forecaster, data, t);
            Assert.Contains(measured, v => v > 0); // a daylight forecast, not an all-zero one
        }
    }

    [Fact]
    public void A_degraded_weather_forecast_uses_only_the_issue_time_and_the_weather_at_its_own_valid_times()
    {
        var (data, _) = SyntheticDemand.Generate(days: 30, seed: 2);
        var weather = new WeatherForecastFeatures(new WeatherForecastError(7), new Dictionary<string, WeatherQuantity> { ["temperature"] = WeatherQuantity.TemperatureC });
        var t = 20 * 24;
        var forecast = weather.For(data, t, 24)["temperature"];

        // The target anywhere, and the weather outside the horizon, may change without moving the forecast.
        var values = data.Values.Select(v => v + 500).ToArray();
        var temperature = (double[])data.Features["temperature"].Clone();
        for (var i = 0; i < temperature.Length; i++)
        {
            if (i < t || i >= t + 24) temperature[i] = 99;
        }

        var altered = new TimeSeriesData(data.Start, data.Step, values, new Dictionary<string, double[]> { ["temperature"] = temperature }, data.Holidays);
        Assert.Equal(forecast, weather.For(altered, t, 24)["temperature"]);

        // Each value is the generator's forecast for that valid time, issued at t: a 2 K warmer truth is forecast 2 K
        // warmer, the error being a function of (seed, issue, valid) alone.
        var warmer = new TimeSeriesData(data.Start, data.Step, data.Values,
            new Dictionary<string, double[]> { ["temperature"] = data.Features["temperature"].Select(v => v + 2).ToArray() }, data.Holidays);
        var shifted = weather.For(warmer, t, 24)["temperature"];
        for (var j = 0; j < 24; j++) Assert.Equal(forecast[j] + 2, shifted[j], 9);
        Assert.NotEqual(data.Features["temperature"].AsSpan(t, 24).ToArray(), forecast);
    }

    [Fact]
    public void With_forecast_weather_the_choice_and_the_validation_scores_do_not_change_when_the_test_block_is_altered()
    {
        var (data, _) = SyntheticDemand.Generate(days: 120, seed: 5);
        var weather = new WeatherForecastFeatures(new WeatherForecastError(1), new Dictionary<string, WeatherQuantity> { ["temperature"] = WeatherQuantity.TemperatureC });
        IReadOnlyList<ForecastCandidate> Candidates() =>
        [
            new("seasonal-naive", new SeasonalNaiveForecaster()),
            new("regression-level", new LevelRegressionForecaster(RegressionKind.LightGbm, 3)),
        ];
        var testStart = (120 - 20) * 24;
        var measured = ForecastMethodSelector.Evaluate(Candidates(), "seasonal-naive", data, 20, 20, weather);
        var altered = ForecastMethodSelector.Evaluate(Candidates(), "seasonal-naive", AlterFuture(data, testStart), 20, 20, weather);
        Assert.Equal(measured.ChosenMethod, altered.ChosenMethod);
        foreach (var m in measured.Methods)
        {
            Assert.Equal(m.Validation!.Predicted, altered[m.Method].Validation!.Predicted);
            Assert.NotEqual(m.Test!.Scores.MeanAbsoluteError, altered[m.Method].Test!.Scores.MeanAbsoluteError);
        }
    }

    [Fact]
    public void The_leakage_check_would_see_a_change_of_the_past()
    {
        // Control: the seasonal-naive forecast at t does move when the day before t is altered.
        var (data, _) = SyntheticDemand.Generate(days: 30, seed: 11);
        var forecaster = new SeasonalNaiveForecaster();
        forecaster.Train(data.Slice(0, 20 * 24));
        var t = 25 * 24;
        var measured = forecaster.Forecast(data, data.TimeAt(t), 24, null);
        var altered = forecaster.Forecast(AlterFuture(data, t - 24), data.TimeAt(t), 24, null);

        Assert.Equal(data.Values[t - 24], measured[0]);
        Assert.NotEqual(measured, altered);
    }

    [Fact]
    public void The_choice_and_the_validation_scores_do_not_change_when_the_test_block_is_altered()
    {
        var (data, _) = SyntheticDemand.Generate(days: 120, seed: 5);
        IReadOnlyList<ForecastCandidate> Candidates() =>
        [
            new("seasonal-naive", new SeasonalNaiveForecaster()),
            new("naive-week", new SeasonalNaiveForecaster(SeasonalNaivePeriod.Week)),
            new("regression-fasttree", new RegressionForecaster(RegressionKind.FastTree, 3)),
        ];
        var testStart = (120 - 20) * 24;

        var measured = ForecastMethodSelector.Evaluate(Candidates(), "seasonal-naive", data, 20, 20);
        var altered = ForecastMethodSelector.Evaluate(Candidates(), "seasonal-naive", AlterFuture(data, testStart), 20, 20);

        Assert.Equal(data.TimeAt(testStart), measured.TestStart);
        Assert.Equal(measured.ChosenMethod, altered.ChosenMethod);
        foreach (var m in measured.Methods)
        {
            Assert.Equal(m.Validation!.Predicted, altered[m.Method].Validation!.Predicted);
            Assert.Equal(m.Validation.Scores, altered[m.Method].Validation!.Scores);
            Assert.NotEqual(m.Test!.Scores.MeanAbsoluteError, altered[m.Method].Test!.Scores.MeanAbsoluteError);
        }
    }
}

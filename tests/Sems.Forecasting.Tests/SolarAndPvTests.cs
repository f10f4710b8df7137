using Sems.Forecasting.Solar;

namespace Sems.Forecasting.Tests;

public sealed class SolarAndPvTests
{
    [Fact]
    public void The_sun_at_Bath_on_the_June_solstice_culminates_at_a_zenith_of_latitude_minus_23_44_degrees()
    {
        // Zenith at solar noon = 51.38° − 23.44° = 27.94°, cos = 0.8835. Solar noon at 2.36° W: 12:00 UTC + 2.36 × 4 min
        // = 12:09, minus the equation of time of 21 June (about −1.5 min, the sun is slow) → about 12:11 UTC.
        var site = new SiteLocation(51.38, -2.36);
        var day = new DateTimeOffset(2022, 6, 21, 0, 0, 0, TimeSpan.Zero);
        var best = Enumerable.Range(0, 24 * 60).Select(m => (Minute: m, Cos: SolarGeometry.CosZenith(site, day.AddMinutes(m)))).MaxBy(x => x.Cos);
        Assert.InRange(best.Cos, Math.Cos(27.94 * Math.PI / 180) - 0.001, Math.Cos(27.94 * Math.PI / 180) + 0.001);
        Assert.InRange(best.Minute, 12 * 60 + 7, 12 * 60 + 15);
        Assert.True(SolarGeometry.CosZenith(site, day) < 0); // midnight: below the horizon
        Assert.Equal(0.0, SolarGeometry.ClearSkyGhiWm2(site, day));
    }

    [Fact]
    public void Haurwitz_clear_sky_irradiance_with_the_sun_overhead_is_1098_exp_minus_0_057()
    {
        // At the equator on the March equinox the noon sun is within half a degree of the zenith (cos > 0.9999);
        // 1098 × exp(−0.057) = 1037.2 W/m².
        var site = new SiteLocation(0, 0);
        var noon = new DateTimeOffset(2022, 3, 20, 12, 7, 0, TimeSpan.Zero);
        Assert.Equal(1037.2, SolarGeometry.ClearSkyGhiWm2(site, noon), 0);
    }

    [Fact]
    public void Smart_persistence_repeats_yesterdays_clear_sky_index_on_todays_clear_sky_curve()
    {
        var (data, index) = SyntheticPv.Generate(days: 20, seed: 4);
        var forecaster = new ClearSkyPvForecaster(SyntheticPv.Bath);
        forecaster.Train(data.Slice(0, 15 * 24));
        var t = 17 * 24;
        var forecast = forecaster.Forecast(data, data.TimeAt(t), 24, null);
        for (var h = 0; h < 24; h++)
        {
            // Yesterday's PV / yesterday's clear sky = 0.0008 × k₁₆; today: 0.0008 × k₁₆ × G_cs(t).
            var expected = SyntheticPv.YieldKwPerKwpPerWm2 * index[16] * SolarGeometry.MeanClearSkyGhiWm2(SyntheticPv.Bath, data.TimeAt(t + h), data.Step);
            Assert.Equal(expected, forecast[h], 9);
        }
    }

    [Fact]
    public void With_an_irradiance_forecast_the_baseline_is_the_fitted_yield_times_the_forecast_irradiance()
    {
        var (data, _) = SyntheticPv.Generate(days: 20, seed: 4);
        var forecaster = new ClearSkyPvForecaster(SyntheticPv.Bath, "ghi");
        forecaster.Train(data.Slice(0, 15 * 24));
        var t = 17 * 24;
        var ghiForecast = data.Features["ghi"].AsSpan(t, 24).ToArray().Select(g => 0.5 * g).ToArray();
        var forecast = forecaster.Forecast(data, data.TimeAt(t), 24, new Dictionary<string, double[]> { ["ghi"] = ghiForecast });
        for (var h = 0; h < 24; h++) Assert.Equal(SyntheticPv.YieldKwPerKwpPerWm2 * ghiForecast[h], forecast[h], 9);
    }

    [Fact]
    public void The_PV_regression_beats_seasonal_naive_when_the_cloud_index_changes_every_day()
    {
        // Seasonal naive carries yesterday's clouds into today; the regression on the irradiance-forecast baseline
        // sees today's irradiance, so its error must be far below naive's.
        var (data, _) = SyntheticPv.Generate(days: 60, seed: 8);
        var naive = ForecastMetrics.Evaluate(new SeasonalNaiveForecaster(), data, testDays: 14);
        var regression = ForecastMetrics.Evaluate(new PvRegressionForecaster(SyntheticPv.Bath, "ghi", RegressionKind.FastTree, 2), data, testDays: 14);
        Assert.True(regression.Scores.MeanAbsoluteError < 0.3 * naive.Scores.MeanAbsoluteError,
            $"PV regression MAE {regression.Scores.MeanAbsoluteError} kW/kWp, naive {naive.Scores.MeanAbsoluteError} kW/kWp");
        Assert.All(regression.Predicted, v => Assert.True(v >= 0));
    }

    [Fact]
    public void The_seasonal_median_takes_the_middle_of_the_same_time_on_the_last_7_days()
    {
        // Daily constant values by day: … 5, 1, 9, 3, 7, 2, 8 on days 13–19; sorted 1 2 3 5 7 8 9 → 5.
        double[] byDay = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 1, 9, 3, 7, 2, 8, 100];
        var values = byDay.SelectMany(v => Enumerable.Repeat(v, 24)).ToArray();
        var data = new TimeSeriesData(SyntheticPv.Start, TimeSpan.FromHours(1), values);
        var forecaster = new SeasonalMedianForecaster();
        forecaster.Train(data.Slice(0, 10 * 24));
        Assert.All(forecaster.Forecast(data, data.TimeAt(20 * 24), 24, null), v => Assert.Equal(5.0, v));
        // Issued at 06:00 on day 20: the 7 days before are days 13–19 for hours 06–23 and 14–20 (with day 20's 100)
        // for hours 00–05 of the next day: sorted 1 2 3 7 8 9 100 → 7.
        var data21 = new TimeSeriesData(SyntheticPv.Start, TimeSpan.FromHours(1), [.. values, .. Enumerable.Repeat(0.0, 24)]);
        var late = forecaster.Forecast(data21, data21.TimeAt(20 * 24 + 6), 24, null);
        Assert.All(late.Take(18), v => Assert.Equal(5.0, v));
        Assert.All(late.Skip(18), v => Assert.Equal(7.0, v));
    }
}

namespace Sems.Forecasting.Tests;

public sealed class SeasonalNaiveForecasterTests
{
    private static readonly DateTimeOffset Start = new(2022, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimeSeriesData Ramp(int days) =>
        new(Start, TimeSpan.FromHours(1), Enumerable.Range(0, days * 24).Select(i => (double)i).ToArray());

    [Fact]
    public void Day_period_repeats_the_same_time_yesterday()
    {
        var history = Ramp(10);
        var forecaster = new SeasonalNaiveForecaster();
        forecaster.Train(history);
        var forecast = forecaster.Forecast(history, history.End, 24, null);
        Assert.Equal(Enumerable.Range(9 * 24, 24).Select(i => (double)i), forecast);
    }

    [Fact]
    public void Week_period_repeats_the_same_time_last_week()
    {
        var history = Ramp(10);
        var forecaster = new SeasonalNaiveForecaster(SeasonalNaivePeriod.Week);
        forecaster.Train(history);
        var forecast = forecaster.Forecast(history, history.End, 24, null);
        Assert.Equal(Enumerable.Range(3 * 24, 24).Select(i => (double)i), forecast);
    }

    [Fact]
    public void A_missing_sample_falls_back_to_the_day_before_and_samples_after_the_start_are_ignored()
    {
        var history = Ramp(10);
        history.Values[8 * 24 + 3] = double.NaN;
        var forecaster = new SeasonalNaiveForecaster();
        forecaster.Train(history);

        // Forecast day 9 although day 9 is in the history: it must not be used.
        var forecast = forecaster.Forecast(history, Start.AddDays(9), 24, null);
        Assert.Equal(8 * 24 + 2, forecast[2]);
        Assert.Equal(7 * 24 + 3, forecast[3]);
    }

    [Fact]
    public void Beyond_one_day_it_repeats_its_own_forecast_and_it_starts_at_any_step()
    {
        var history = Ramp(10);
        var forecaster = new SeasonalNaiveForecaster();
        forecaster.Train(history);
        var forecast = forecaster.Forecast(history, Start.AddDays(9).AddHours(12), 36, null);
        Assert.Equal(8 * 24 + 12, forecast[0]);
        Assert.Equal(forecast[0], forecast[24]);
    }

    [Fact]
    public void Forecasting_before_training_or_off_the_grid_is_refused()
    {
        var history = Ramp(10);
        var forecaster = new SeasonalNaiveForecaster();
        Assert.Throws<InvalidOperationException>(() => forecaster.Forecast(history, history.End, 24, null));
        forecaster.Train(history);
        Assert.Throws<ArgumentException>(() => forecaster.Forecast(history, history.End.AddMinutes(30), 24, null));
        Assert.Throws<ArgumentException>(() => forecaster.Forecast(history, Start, 24, null));
    }
}

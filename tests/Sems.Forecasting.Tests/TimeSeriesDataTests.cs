namespace Sems.Forecasting.Tests;

public sealed class TimeSeriesDataTests
{
    private static readonly DateTimeOffset Midnight = new(2022, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Steps_per_day_and_day_types_come_from_the_step_and_the_calendar()
    {
        var data = new TimeSeriesData(Midnight, TimeSpan.FromMinutes(15), new double[96 * 3]);
        Assert.Equal(96, data.StepsPerDay);
        Assert.Equal(Midnight.AddDays(3), data.End);
        Assert.Equal(96, data.IndexOf(Midnight.AddDays(1)));
        Assert.Equal(new DateOnly(2022, 6, 2), data.DateAt(96 + 95));
        Assert.Equal(DayType.Holiday, data.DayTypeOf(new DateOnly(2022, 6, 2)));
        Assert.Equal(DayType.Weekday, data.DayTypeOf(new DateOnly(2022, 6, 1)));
    }

    [Fact]
    public void Days_are_taken_in_the_offset_of_the_start()
    {
        var pacific = new DateTimeOffset(2016, 8, 1, 0, 0, 0, TimeSpan.FromHours(-8));
        var data = new TimeSeriesData(pacific, TimeSpan.FromHours(1), new double[48]);
        Assert.Equal(new DateOnly(2016, 8, 1), data.DateAt(23));
        Assert.Equal(new DateOnly(2016, 8, 2), data.DateAt(24));
        Assert.Equal(24, data.IndexOf(new DateTimeOffset(2016, 8, 2, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Invalid_steps_starts_and_features_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeSeriesData(Midnight, TimeSpan.FromMinutes(7), new double[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeSeriesData(Midnight, TimeSpan.Zero, new double[10]));
        Assert.Throws<ArgumentException>(() => new TimeSeriesData(Midnight.AddMinutes(5), TimeSpan.FromMinutes(15), new double[10]));
        Assert.Throws<ArgumentException>(() => new TimeSeriesData(
            Midnight, TimeSpan.FromHours(1), new double[10], new Dictionary<string, double[]> { ["temperature"] = new double[9] }, HolidayCalendar.None));
        Assert.Throws<ArgumentException>(() => new TimeSeriesData(
            Midnight, TimeSpan.FromHours(1), new double[2], new Dictionary<string, double[]> { ["temperature"] = [1.0, double.NaN] }, HolidayCalendar.None));
        var data = new TimeSeriesData(Midnight, TimeSpan.FromHours(1), new double[10]);
        Assert.Throws<ArgumentException>(() => data.IndexOf(Midnight.AddMinutes(30)));
    }

    [Fact]
    public void Slice_copies_values_and_features()
    {
        var data = new TimeSeriesData(
            Midnight,
            TimeSpan.FromHours(1),
            [0, 1, 2, 3, 4],
            new Dictionary<string, double[]> { ["temperature"] = [10, 11, 12, 13, 14] },
            HolidayCalendar.EnglandAndWales);
        var slice = data.Slice(1, 3);
        Assert.Equal(Midnight.AddHours(1), slice.Start);
        Assert.Equal([1.0, 2, 3], slice.Values);
        Assert.Equal([11.0, 12, 13], slice.Feature("temperature")!);
        Assert.Null(slice.Feature("irradiance"));
        slice.Values[0] = 99;
        Assert.Equal(1, data.Values[1]);
    }
}

using Sems.Twin;

namespace Sems.Twin.Tests;

/// <summary>
/// Expected values: solar-noon zenith = latitude − declination with the astronomical declination of the day
/// (20 Mar 2022 ≈ −0.06°, 21 Jun 2022 = +23.44°, 21 Dec 2022 = −23.44°), and published sunrise/sunset times for
/// Greenwich/London (NOAA solar calculator, zenith 90.833° including refraction): 20 Mar 06:03/18:12 UTC,
/// 21 Jun 03:43/20:21 UTC, 21 Dec 08:04/15:53 UTC; solar noon 12:08, 12:02 and 11:58 UTC.
/// </summary>
public sealed class SolarPositionTests
{
    private const double Lat = 51.48;
    private const double Lon = 0.0;

    private static (DateTimeOffset Time, SolarPosition Sun) SolarNoon(DateOnly day)
    {
        var start = new DateTimeOffset(day.Year, day.Month, day.Day, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, 1440)
            .Select(m => start.AddMinutes(m))
            .Select(t => (t, SolarPosition.Compute(t, Lat, Lon)))
            .MinBy(x => x.Item2.ZenithDeg);
    }

    [Theory]
    [InlineData(2022, 3, 20, 51.54, 12, 8)]
    [InlineData(2022, 6, 21, 28.04, 12, 2)]
    [InlineData(2022, 12, 21, 74.92, 11, 58)]
    public void Solar_noon_zenith_and_time_match_astronomical_values(int y, int mo, int d, double zenith, int hour, int minute)
    {
        var (time, sun) = SolarNoon(new DateOnly(y, mo, d));
        Assert.InRange(sun.ZenithDeg, zenith - 0.15, zenith + 0.15);
        var expected = new DateTimeOffset(y, mo, d, hour, minute, 0, TimeSpan.Zero);
        Assert.InRange((time - expected).TotalMinutes, -2, 2);
        Assert.InRange(sun.AzimuthDeg, 179.0, 181.0);
    }

    [Theory]
    [InlineData(2022, 3, 20, 6, 3, 18, 12)]
    [InlineData(2022, 6, 21, 3, 43, 20, 21)]
    [InlineData(2022, 12, 21, 8, 4, 15, 53)]
    public void Sunrise_and_sunset_match_published_times(int y, int mo, int d, int riseH, int riseM, int setH, int setM)
    {
        // Published times use the upper limb with refraction: geometric zenith 90.833°.
        var start = new DateTimeOffset(y, mo, d, 0, 0, 0, TimeSpan.Zero);
        var up = Enumerable.Range(0, 1440).Where(m => SolarPosition.Compute(start.AddMinutes(m), Lat, Lon).ZenithDeg < 90.833).ToArray();
        Assert.InRange(up.First() - (riseH * 60 + riseM), -3, 3);
        Assert.InRange(up.Last() - (setH * 60 + setM), -3, 3);
    }

    [Fact]
    public void Sun_is_below_the_horizon_at_midnight_and_moves_east_to_west()
    {
        var day = new DateTimeOffset(2022, 6, 21, 0, 0, 0, TimeSpan.Zero);
        Assert.False(SolarPosition.Compute(day, Lat, Lon).IsAboveHorizon);
        var morning = SolarPosition.Compute(day.AddHours(7), Lat, Lon);
        var afternoon = SolarPosition.Compute(day.AddHours(17), Lat, Lon);
        Assert.InRange(morning.AzimuthDeg, 60, 120);
        Assert.InRange(afternoon.AzimuthDeg, 240, 300);
        Assert.Equal(90.0 - morning.ZenithDeg, morning.ElevationDeg, 12);
    }

    [Fact]
    public void Non_utc_offsets_denote_the_same_instant()
    {
        var utc = new DateTimeOffset(2022, 6, 21, 11, 0, 0, TimeSpan.Zero);
        var bst = new DateTimeOffset(2022, 6, 21, 12, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(SolarPosition.Compute(utc, Lat, Lon), SolarPosition.Compute(bst, Lat, Lon));
    }

    [Fact]
    public void Invalid_coordinates_are_rejected()
    {
        var t = new DateTimeOffset(2022, 6, 21, 12, 0, 0, TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarPosition.Compute(t, 91, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarPosition.Compute(t, 51, 181));
    }
}

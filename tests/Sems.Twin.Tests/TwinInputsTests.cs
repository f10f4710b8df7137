using Sems.Twin;

namespace Sems.Twin.Tests;

/// <summary>
/// Expected values are rows of the embedded CSV files, read off by hand:
/// 2022-11-03 15:00 / 16:00 / 17:00 — price 0.27 / 0.3572; carbon 0.228 / 0.235; temperature 10.7 / 9.7;
/// irradiance (hour-ending) 105.3 / 105.6 / 8.3. First rows: price 0.1654, temperature 12.3; last rows (23:00):
/// price 0.0633, temperature 11.2.
/// </summary>
public sealed class TwinInputsTests
{
    private static readonly TwinInputs Inputs = TwinInputs.Load2022();

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2022, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Hour_starting_series_are_exact_at_the_hour_centre_and_averaged_on_the_hour()
    {
        // Price and carbon: the 15:00 row covers 15:00–16:00, so it is exact at 15:30.
        Assert.Equal(0.27, Inputs.PriceGbpPerKwh(Utc(11, 3, 15, 30)));
        Assert.Equal(0.3572, Inputs.PriceGbpPerKwh(Utc(11, 3, 16, 30)));
        Assert.Equal((0.27 + 0.3572) / 2, Inputs.PriceGbpPerKwh(Utc(11, 3, 16)), 12);
        Assert.Equal(0.27 + 0.25 * (0.3572 - 0.27), Inputs.PriceGbpPerKwh(Utc(11, 3, 15, 45)), 12);

        Assert.Equal(0.228, Inputs.CarbonKgPerKwh(Utc(11, 3, 15, 30)));
        Assert.Equal((0.228 + 0.235) / 2, Inputs.CarbonKgPerKwh(Utc(11, 3, 16)), 12);
    }

    [Fact]
    public void Temperature_is_exact_at_the_observation_time()
    {
        Assert.Equal(10.7, Inputs.OutdoorTemperatureC(Utc(11, 3, 15)));
        Assert.Equal(9.7, Inputs.OutdoorTemperatureC(Utc(11, 3, 16)));
        Assert.Equal((10.7 + 9.7) / 2, Inputs.OutdoorTemperatureC(Utc(11, 3, 15, 30)), 12);
    }

    [Fact]
    public void Irradiance_is_hour_ending_and_exact_at_the_previous_half_hour()
    {
        // The 16:00 row is the mean over 15:00–16:00, so it is exact at 15:30.
        Assert.Equal(105.6, Inputs.GlobalHorizontalIrradianceWm2(Utc(11, 3, 15, 30)));
        Assert.Equal(8.3, Inputs.GlobalHorizontalIrradianceWm2(Utc(11, 3, 16, 30)));
        Assert.Equal((105.6 + 8.3) / 2, Inputs.GlobalHorizontalIrradianceWm2(Utc(11, 3, 16)), 12);
        Assert.Equal((105.3 + 105.6) / 2, Inputs.GlobalHorizontalIrradianceWm2(Utc(11, 3, 15)), 12);
    }

    [Fact]
    public void Offsets_other_than_utc_are_converted()
    {
        var bst = new DateTimeOffset(2022, 11, 3, 16, 30, 0, TimeSpan.FromHours(1));
        Assert.Equal(0.27, Inputs.PriceGbpPerKwh(bst));
    }

    [Fact]
    public void Year_edges_hold_the_nearest_value()
    {
        Assert.Equal(0.1654, Inputs.PriceGbpPerKwh(Utc(1, 1, 0)));
        Assert.Equal(12.3, Inputs.OutdoorTemperatureC(Utc(1, 1, 0)));
        Assert.Equal(0.0633, Inputs.PriceGbpPerKwh(new DateTimeOffset(2022, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.Equal(11.2, Inputs.OutdoorTemperatureC(new DateTimeOffset(2022, 12, 31, 23, 59, 59, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2021-12-31T23:59:59Z")]
    [InlineData("2023-01-01T00:00:00Z")]
    [InlineData("2018-11-01T00:00:00Z")]
    public void Times_outside_2022_are_rejected_with_the_time_and_the_range(string time)
    {
        var t = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.PriceGbpPerKwh(t));
        Assert.Contains(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        Assert.Contains("2022-01-01T00:00:00Z", ex.Message);
        Assert.Contains("2023-01-01T00:00:00Z", ex.Message);
        Assert.Equal("t", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.CarbonKgPerKwh(t));
        Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.OutdoorTemperatureC(t));
        Assert.Throws<ArgumentOutOfRangeException>(() => Inputs.GlobalHorizontalIrradianceWm2(t));
    }

    [Fact]
    public void Coverage_and_calibration_series()
    {
        Assert.Equal(Utc(1, 1, 0), Inputs.CoverageStart);
        Assert.Equal(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), Inputs.CoverageEnd);
        Assert.Equal(8760, Inputs.CalibrationHeatLoad.Count);
        Assert.Equal((Utc(1, 1, 0), 1.8), Inputs.CalibrationHeatLoad[0]);
        Assert.Equal((Utc(1, 1, 1), 3.9), Inputs.CalibrationHeatLoad[1]);
        Assert.Equal(44_155.9, Inputs.CalibrationHeatLoad.Sum(h => h.HeatKwh), 6);
        Assert.Equal("UCam_Building_b25", TwinInputs.CalibrationBuildingId);
        Assert.Same(Inputs, TwinInputs.Load2022());
    }

    [Fact]
    public void Units_and_ranges_are_as_documented()
    {
        var hours = Enumerable.Range(0, 8760).Select(h => Utc(1, 1, 0).AddHours(h) + TimeSpan.FromMinutes(30)).ToArray();
        var price = hours.Select(Inputs.PriceGbpPerKwh).ToArray();
        var carbon = hours.Select(Inputs.CarbonKgPerKwh).ToArray();
        Assert.InRange(price.Min(), -0.09, -0.08);   // GBP/kWh, not p/kWh
        Assert.InRange(price.Max(), 0.82, 0.83);
        Assert.InRange(price.Average(), 0.36, 0.37);
        Assert.InRange(carbon.Min(), 0.034, 0.036);  // kg/kWh, not g/kWh
        Assert.InRange(carbon.Max(), 0.321, 0.323);
        Assert.Equal(0.103, TwinInputs.GasPriceGbpPerKwh);
        Assert.Equal(0.184, TwinInputs.GasCarbonKgPerKwh);
    }
}

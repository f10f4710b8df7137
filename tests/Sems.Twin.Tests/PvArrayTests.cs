using Sems.Twin;

namespace Sems.Twin.Tests;

public sealed class PvArrayTests
{
    private static readonly PvArray Greenwich = PvArray.Greenwich;

    /// <summary>Haurwitz (1945) clear-sky GHI, W/m²: 1098·cos z·exp(−0.057/cos z); an independent clear-day input.</summary>
    private static double ClearSkyGhi(DateTimeOffset t)
    {
        var cosZ = Math.Cos(SolarPosition.Compute(t, 51.48, 0.0).ZenithDeg * Math.PI / 180.0);
        return cosZ <= 0 ? 0 : 1098.0 * cosZ * Math.Exp(-0.057 / cosZ);
    }

    [Fact]
    public void Greenwich_defaults()
    {
        Assert.Equal(270.0, Greenwich.RatedKwp);
        Assert.Equal(30.0, Greenwich.TiltDeg);
        Assert.Equal(180.0, Greenwich.AzimuthDeg);
        Assert.Equal(51.48, Greenwich.LatitudeDeg);
        Assert.Equal(0.0, Greenwich.LongitudeDeg);
    }

    [Theory]
    [InlineData(2022, 6, 21, 0)]
    [InlineData(2022, 12, 21, 20)]
    [InlineData(2022, 3, 20, 2)]
    public void Zero_at_night_even_with_spurious_irradiance(int y, int m, int d, int hour)
    {
        var t = new DateTimeOffset(y, m, d, hour, 0, 0, TimeSpan.Zero);
        Assert.Equal(0.0, Greenwich.PowerKw(t, 500.0, 10.0));
    }

    [Fact]
    public void Zero_without_irradiance()
    {
        Assert.Equal(0.0, Greenwich.PowerKw(new DateTimeOffset(2022, 6, 21, 12, 0, 0, TimeSpan.Zero), 0.0, 20.0));
    }

    [Fact]
    public void Never_above_rated_power()
    {
        var noon = new DateTimeOffset(2022, 6, 21, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(270.0, Greenwich.PowerKw(noon, 1400.0, -20.0)); // cold, cloud-enhanced: clipped at the inverter rating
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var k = 0; k < 365 * 24; k += 1)
        {
            var t = start.AddHours(k);
            Assert.InRange(Greenwich.PowerKw(t, 1200.0, -10.0), 0.0, 270.0);
        }
    }

    [Fact]
    public void Flat_panel_at_stc_cell_temperature_matches_hand_calculation()
    {
        // Tilt 0: POA = GHI. Air temperature chosen so the NOCT cell temperature is 25 °C: Ta = 25 − 25·G/800.
        // P = 100 kWp × 800/1000 × (1 − 0.14) = 68.8 kW.
        var flat = new PvArray(100.0, 0.0, 180.0, 51.48, 0.0);
        var noon = new DateTimeOffset(2022, 6, 21, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(68.8, flat.PowerKw(noon, 800.0, 0.0), 9);
        // 10 K hotter cell: × (1 − 0.004 × 10).
        Assert.Equal(68.8 * 0.96, flat.PowerKw(noon, 800.0, 10.0), 9);
    }

    [Theory]
    [InlineData(0.1, 0.991)]
    [InlineData(0.5, 0.65915)] // 0.9511 − 0.0802 + 1.097 − 2.07975 + 0.771
    [InlineData(0.9, 0.165)]
    public void Erbs_diffuse_fraction(double kt, double expected)
    {
        Assert.Equal(expected, PvArray.ErbsDiffuseFraction(kt), 9);
    }

    [Fact]
    public void Clear_day_peak_is_at_solar_noon()
    {
        var day = new DateTimeOffset(2022, 6, 21, 0, 0, 0, TimeSpan.Zero);
        var series = Enumerable.Range(0, 24 * 12)
            .Select(k => day.AddMinutes(5 * k))
            .Select(t => (Time: t, Kw: Greenwich.PowerKw(t, ClearSkyGhi(t), 20.0)))
            .ToArray();
        var peak = series.MaxBy(x => x.Kw);
        var solarNoon = new DateTimeOffset(2022, 6, 21, 12, 2, 0, TimeSpan.Zero);
        Assert.InRange((peak.Time - solarNoon).TotalMinutes, -30, 30);
        Assert.InRange(peak.Kw, 150.0, 270.0);
        var dailyKwhPerKwp = series.Sum(x => x.Kw) * 5.0 / 60.0 / 270.0;
        Assert.InRange(dailyKwhPerKwp, 5.0, 8.0); // a clear midsummer day in southern England
    }

    [Theory]
    [InlineData(3, 20)]
    [InlineData(6, 21)]
    [InlineData(12, 21)]
    public void Monotone_in_irradiance_with_the_sun_in_front_of_the_array(int month, int day)
    {
        var noon = new DateTimeOffset(2022, month, day, 12, 0, 0, TimeSpan.Zero);
        var previous = -1.0;
        for (var ghi = 0.0; ghi <= 1100.0; ghi += 5.0)
        {
            var kw = Greenwich.PowerKw(noon, ghi, 10.0);
            Assert.True(kw >= previous, $"Power fell from {previous} to {kw} kW at GHI {ghi} W/m²");
            previous = kw;
        }
    }

    [Fact]
    public void Annual_yield_from_2022_bedford_irradiance_is_plausible()
    {
        var inputs = TwinInputs.Load2022();
        var kwh = 0.0;
        for (var t = inputs.CoverageStart; t < inputs.CoverageEnd; t = t.AddHours(1))
        {
            kwh += Greenwich.PowerKw(t, inputs.GlobalHorizontalIrradianceWm2(t), inputs.OutdoorTemperatureC(t));
        }

        // Southern England, south-facing 30°, 14 % losses: roughly 900–1,150 kWh/kWp per year (PVGIS order of magnitude).
        Assert.InRange(kwh / 270.0, 900.0, 1150.0);
    }
}

using Sems.Twin;
using Xunit;

namespace Sems.Twin.Tests;

/// <summary>
/// The 2018 price set against its source values, typed here by hand from Data/README.md (BEIS Quarterly Energy Prices
/// table 3.4.2, 2018: electricity 12.0 p/kWh, gas 2.4 p/kWh), and against the 2022 series it scales.
/// </summary>
public sealed class PriceScenarioTests
{
    private const double Electricity2018 = 0.120; // GBP/kWh
    private const double Gas2018 = 0.024;          // GBP/kWh

    private static DateTimeOffset HourCentre(int hourOfYear) => new DateTimeOffset(2022, 1, 1, 0, 30, 0, TimeSpan.Zero).AddHours(hourOfYear);

    [Fact]
    public void The_2018_set_is_the_2022_agile_series_scaled_to_the_2018_mean_with_the_2018_gas_price()
    {
        var y2022 = TwinInputs.Load2022();
        var y2018 = TwinInputs.Load("2018");
        // The samples sit at the hour centres (mean over the hour starting at the timestamp): the file's 8,760 values.
        var p2022 = Enumerable.Range(0, 8760).Select(h => y2022.PriceGbpPerKwh(HourCentre(h))).ToArray();
        var p2018 = Enumerable.Range(0, 8760).Select(h => y2018.PriceGbpPerKwh(HourCentre(h))).ToArray();

        Assert.Equal(Electricity2018, p2018.Average(), 9);
        var factor = Electricity2018 / p2022.Average();
        Assert.InRange(factor, 0.328, 0.330); // 0.120 / 0.3651, as Data/README.md states
        for (var h = 0; h < 8760; h += 97)
            Assert.Equal(p2022[h] * factor, p2018[h], 12);
        Assert.Equal(factor, TwinInputs.ElectricityScale2018, 12);
        // The shape is kept: negative hours stay negative, the dearest hour stays the dearest.
        Assert.Equal(Array.IndexOf(p2022, p2022.Max()), Array.IndexOf(p2018, p2018.Max()));
        Assert.Equal(p2022.Count(p => p < 0), p2018.Count(p => p < 0));

        Assert.Equal(Gas2018, y2018.GasUnitPriceGbpPerKwh, 12);
        Assert.Equal(0.2, y2018.GasUnitPriceGbpPerKwh / p2018.Average(), 9); // gas at a fifth of the electricity price
        Assert.Equal(0.103, y2022.GasUnitPriceGbpPerKwh, 12);
        Assert.Equal("2018", y2018.Prices);
        Assert.Equal("2022", y2022.Prices);
    }

    [Fact]
    public void Only_the_prices_change_between_the_sets()
    {
        var y2022 = TwinInputs.Load("2022");
        var y2018 = TwinInputs.Load("2018");
        Assert.Same(TwinInputs.Load2022(), y2022);
        foreach (var t in new[] { HourCentre(7300), HourCentre(7301).AddMinutes(17), HourCentre(100) })
        {
            Assert.Equal(y2022.CarbonKgPerKwh(t), y2018.CarbonKgPerKwh(t));
            Assert.Equal(y2022.OutdoorTemperatureC(t), y2018.OutdoorTemperatureC(t));
            Assert.Equal(y2022.GlobalHorizontalIrradianceWm2(t), y2018.GlobalHorizontalIrradianceWm2(t));
        }

        Assert.Equal(y2022.CalibrationHeatLoad, y2018.CalibrationHeatLoad);
    }

    [Fact]
    public void An_unknown_price_set_is_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => TwinInputs.Load("2019"));
        Assert.Contains("\"2019\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("2022, 2018", e.Message, StringComparison.Ordinal);
    }
}

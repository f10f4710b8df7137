using Sems.Twin;

namespace Sems.Twin.Tests;

public sealed class HeatPumpCopTests
{
    [Fact]
    public void Matches_hand_calculation()
    {
        // 0.45 × 323.15 K / 40 K = 3.6354375
        Assert.Equal(3.6354375, HeatPumpCop.WaterSource(10.0, 50.0), 9);
        // 0.5 × 333.15 / 50 = 3.3315
        Assert.Equal(3.3315, HeatPumpCop.WaterSource(10.0, 60.0, 0.5), 9);
    }

    [Fact]
    public void Within_physical_bounds()
    {
        for (var source = 0.0; source <= 25.0; source += 2.5)
        {
            for (var sink = source + 1.0; sink <= 90.0; sink += 1.0)
            {
                var cop = HeatPumpCop.WaterSource(source, sink);
                var carnot = (sink + 273.15) / (sink - source);
                Assert.InRange(cop, 1.0, carnot);
            }
        }
    }

    [Fact]
    public void Lower_bound_of_one_applies_to_huge_lifts()
    {
        // 0.1 × 473.15 / 200 = 0.24 < 1
        Assert.Equal(1.0, HeatPumpCop.WaterSource(0.0, 200.0, 0.1));
    }

    [Fact]
    public void Decreases_with_sink_temperature_and_increases_with_source_temperature()
    {
        var previous = double.PositiveInfinity;
        for (var sink = 30.0; sink <= 80.0; sink += 1.0)
        {
            var cop = HeatPumpCop.WaterSource(10.0, sink);
            Assert.True(cop < previous);
            previous = cop;
        }

        Assert.True(HeatPumpCop.WaterSource(15.0, 55.0) > HeatPumpCop.WaterSource(5.0, 55.0));
    }

    [Theory]
    [InlineData(20.0, 20.0)]
    [InlineData(30.0, 20.0)]
    public void Sink_not_above_source_is_rejected(double source, double sink)
    {
        var ex = Assert.Throws<ArgumentException>(() => HeatPumpCop.WaterSource(source, sink));
        Assert.Contains("warmer", ex.Message);
    }

    [Fact]
    public void Invalid_carnot_efficiency_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => HeatPumpCop.WaterSource(10.0, 50.0, 0.0));
        Assert.Throws<ArgumentException>(() => HeatPumpCop.WaterSource(10.0, 50.0, 1.2));
    }

    [Fact]
    public void River_temperature_follows_the_documented_season()
    {
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var year = Enumerable.Range(0, 365).Select(d => HeatPumpCop.RiverTemperatureC(start.AddDays(d))).ToArray();
        Assert.InRange(year.Min(), 7.9, 8.5);
        Assert.InRange(year.Max(), 19.5, 20.01);
        Assert.InRange(Array.IndexOf(year, year.Min()), 0, 40);        // coldest in January / early February
        Assert.InRange(Array.IndexOf(year, year.Max()), 180, 230);     // warmest in July / August

        var november = Enumerable.Range(304, 30).Select(d => year[d]).Average();
        Assert.InRange(november, 10.5, 12.0);
        Assert.InRange(HeatPumpCop.RiverTemperatureC(new DateTimeOffset(2018, 11, 15, 0, 0, 0, TimeSpan.Zero)), 10.5, 12.0);
    }
}

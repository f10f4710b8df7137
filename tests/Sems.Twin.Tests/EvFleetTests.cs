using Sems.Twin;

namespace Sems.Twin.Tests;

public sealed class EvFleetTests
{
    // 7 Nov – 1 Jan: GMT throughout, so local days are UTC days of 96 quarter-hours. 7 Nov 2022 is a Monday.
    private static readonly DateTimeOffset Monday = new(2022, 11, 7, 0, 0, 0, TimeSpan.Zero);
    private const int Days = 56;
    private const int StepsPerDay = 96;

    private static double[] DailyKwhPerVehicle(EvFleet fleet)
    {
        var kw = fleet.DemandKw(Monday, Days * StepsPerDay, 15);
        return Enumerable.Range(0, Days).Select(d => kw.Skip(d * StepsPerDay).Take(StepsPerDay).Sum() * 0.25 / fleet.Vehicles).ToArray();
    }

    [Fact]
    public void Defaults_follow_the_greenwich_case()
    {
        var fleet = new EvFleet();
        Assert.Equal(300, fleet.Vehicles);
        Assert.Equal(1, fleet.Seed);
        Assert.Equal(0.5, EvFleet.DelayableFraction);
    }

    [Fact]
    public void Daily_energy_is_within_the_documented_range()
    {
        var daily = DailyKwhPerVehicle(new EvFleet());
        var weekdays = daily.Where((_, d) => d % 7 < 5).ToArray();
        var weekends = daily.Where((_, d) => d % 7 >= 5).ToArray();

        // Documented: base 7.0 (weekday) / 4.5 (weekend) kWh × day scale in [0.6, 1.4], plus a few per cent of step noise.
        Assert.All(weekdays, e => Assert.InRange(e, 0.5 * 7.0, 1.5 * 7.0));
        Assert.All(weekends, e => Assert.InRange(e, 0.5 * 4.5, 1.5 * 4.5));
        Assert.InRange(weekdays.Average(), 7.0 * 0.92, 7.0 * 1.08);
        Assert.InRange(weekends.Average(), 4.5 * 0.85, 4.5 * 1.15);
        Assert.True(weekdays.Average() > weekends.Average());
    }

    [Fact]
    public void Expected_profile_integrates_to_the_daily_energy()
    {
        var fleet = new EvFleet(300, 7);
        for (var d = 0; d < 14; d++)
        {
            var day = Monday.AddDays(d);
            var kwh = Enumerable.Range(0, StepsPerDay).Sum(k => fleet.ExpectedDemandKw(day.AddMinutes(15 * k), 15)) * 0.25;
            var expected = 300 * fleet.DailyEnergyKwhPerVehicle(day);
            Assert.Equal(expected, kwh, expected * 1e-3);
            var basis = d % 7 < 5 ? 7.0 : 4.5;
            Assert.InRange(fleet.DailyEnergyKwhPerVehicle(day), 0.6 * basis, 1.4 * basis);
        }
    }

    [Fact]
    public void Weekday_profile_has_morning_and_evening_peaks_and_a_small_overnight_share()
    {
        var fleet = new EvFleet();
        double At(int hour) => fleet.ExpectedDemandKw(Monday.AddHours(hour), 60);
        Assert.True(At(9) > 3 * At(13));
        Assert.True(At(19) > 3 * At(13));
        Assert.True(At(19) > At(3));
        Assert.True(At(2) > 0.0);
        Assert.True(At(2) < At(9));
    }

    [Fact]
    public void Same_seed_same_series_regardless_of_call_pattern()
    {
        var a = new EvFleet(300, 42).DemandKw(Monday, 96, 15);
        var b = new EvFleet(300, 42).DemandKw(Monday, 96, 15);
        Assert.Equal(a, b);

        var secondHalf = new EvFleet(300, 42).DemandKw(Monday.AddHours(12), 48, 15);
        Assert.Equal(a.Skip(48).ToArray(), secondHalf);

        // The same instant expressed with another offset is the same step.
        var shifted = new EvFleet(300, 42).DemandKw(Monday.ToOffset(TimeSpan.FromHours(2)), 96, 15);
        Assert.Equal(a, shifted);
    }

    [Fact]
    public void Different_seed_different_series()
    {
        var a = new EvFleet(300, 1).DemandKw(Monday, 96, 15);
        var b = new EvFleet(300, 2).DemandKw(Monday, 96, 15);
        Assert.NotEqual(a, b);
        Assert.True(a.Zip(b).Count(p => Math.Abs(p.First - p.Second) > 1e-6) > 90);
    }

    [Fact]
    public void Never_negative_over_a_year()
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var kw = new EvFleet(300, seed).DemandKw(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), 365 * 96, 15);
            Assert.All(kw, v => Assert.True(v >= 0.0 && double.IsFinite(v)));
        }
    }

    [Fact]
    public void Rejects_invalid_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvFleet(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvFleet().DemandKw(Monday, -1, 15));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvFleet().DemandKw(Monday, 4, 0));
        Assert.Empty(new EvFleet().DemandKw(Monday, 0, 15));
    }
}

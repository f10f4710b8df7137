using Microsoft.Extensions.Time.Testing;
using Sems.Grains;
using Sems.Silo.Hosting;
using Xunit;

namespace Sems.Cli.Tests.Hosting;

/// <summary>The arithmetic of the scaled SEMS clock against a fake real clock: its time, its timers and their periods.</summary>
public sealed class ScaledTimeProviderTests
{
    private static readonly DateTimeOffset RealStart = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SemsStart = new(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 10, 10)]
    [InlineData(60, 10, 600)]
    [InlineData(900, 2, 1800)]
    [InlineData(0.5, 30, 15)]
    [InlineData(10000, 0.09, 900)]
    public void Its_time_is_start_plus_real_elapsed_times_scale(double scale, double realSeconds, double semsSeconds)
    {
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(real, SemsStart, scale);
        Assert.Equal(SemsStart, clock.GetUtcNow());

        real.Advance(TimeSpan.FromSeconds(realSeconds));

        Assert.Equal(SemsStart + TimeSpan.FromSeconds(semsSeconds), clock.GetUtcNow());
    }

    [Fact]
    public void Started_at_the_real_time_it_reads_start_plus_real_minus_start_times_scale()
    {
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(real, real.GetUtcNow(), 4);
        real.Advance(TimeSpan.FromMinutes(3));

        // start + (real − start)·N = 12:00 + 3 min · 4 = 12:12.
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 12, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public void A_timer_due_in_one_step_of_its_time_fires_after_step_over_scale_of_real_time_and_repeats_at_that_period()
    {
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(real, SemsStart, 60);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

        real.Advance(TimeSpan.FromSeconds(14.999));
        Assert.Equal(0, fired);
        real.Advance(TimeSpan.FromMilliseconds(1)); // 15 s real = 15 min of SEMS time at 60×
        Assert.Equal(1, fired);
        Assert.Equal(SemsStart + TimeSpan.FromMinutes(15), clock.GetUtcNow());
        real.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(3, fired);
    }

    [Fact]
    public void Changing_a_timer_scales_its_new_due_time_and_an_infinite_period_stays_infinite()
    {
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(real, SemsStart, 10);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        real.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, fired);

        Assert.True(timer.Change(TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan));
        real.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, fired);
        real.Advance(TimeSpan.FromSeconds(1)); // 10 min / 10 = 60 s
        Assert.Equal(1, fired);
        real.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Delays_on_the_clock_are_scaled()
    {
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(real, SemsStart, 100);
        var delay = Task.Delay(TimeSpan.FromMinutes(100), clock);

        real.Advance(TimeSpan.FromSeconds(59));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromSeconds(1)); // 100 min / 100 = 60 s
        Assert.True(delay.IsCompleted);
    }

    [Fact]
    public void Timestamps_stay_real_so_measured_wall_time_is_real()
    {
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(real, SemsStart, 1000);
        var before = clock.GetTimestamp();
        real.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), clock.GetElapsedTime(before));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10000.001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_scale_outside_0_to_10000_is_refused(double scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(new FakeTimeProvider(RealStart), SemsStart, scale));
}

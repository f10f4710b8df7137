using Microsoft.Extensions.Time.Testing;
using Sems.Silo.Hosting;
using Xunit;

namespace Sems.Cli.Tests.Hosting;

/// <summary>
/// The real clock Orleans runs on in a SEMS host: its time is the wrapped clock's, and its timestamps count from its
/// creation, so a duration measured from an unset (zero) timestamp is the time since the host started, not the uptime.
/// </summary>
public sealed class HostClockTests
{
    [Fact]
    public void A_duration_since_timestamp_zero_is_the_time_since_creation_not_since_the_real_clocks_origin()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
        real.Advance(TimeSpan.FromMinutes(16) + TimeSpan.FromSeconds(24)); // the machine has been up 16:24 (at least)
        Assert.True(real.GetElapsedTime(0) >= TimeSpan.FromSeconds(984));

        var clock = new HostClock(real);
        real.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), clock.GetElapsedTime(0));
    }

    [Fact]
    public void Durations_between_its_timestamps_and_its_time_are_those_of_the_real_clock()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
        real.Advance(TimeSpan.FromHours(5));
        var clock = new HostClock(real);
        var before = clock.GetTimestamp();
        real.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(before));
        Assert.Equal(real.GetUtcNow(), clock.GetUtcNow());
    }

    [Fact]
    public void Its_timers_run_on_the_real_clock()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new HostClock(real);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        real.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, fired);
        real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
    }
}

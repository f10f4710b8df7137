using Microsoft.Extensions.Time.Testing;

namespace Sems.Grains.Tests;

/// <summary>The clock of <c>sems serve --time-scale N</c>: SEMS time runs N× faster than the wall clock from an origin.</summary>
public sealed class ScaledClockTests
{
    private static readonly DateTimeOffset Origin = new(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sems_time_runs_n_times_faster_and_timers_fire_after_a_nth_of_their_sems_period()
    {
        var wall = new FakeTimeProvider(Origin);
        var sems = new ScaledTimeProvider(wall, Origin, 60);
        var ticks = 0;
        using var timer = sems.CreateTimer(_ => ticks++, null, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));

        wall.Advance(TimeSpan.FromSeconds(15)); // 15 s of wall time = 15 min of SEMS time: one Δt
        Assert.Equal(Origin.AddMinutes(15), sems.GetUtcNow());
        Assert.Equal(1, ticks);

        wall.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(Origin.AddMinutes(45), sems.GetUtcNow());
        Assert.Equal(3, ticks);
        Assert.Equal(TimeSpan.FromSeconds(9), ScaledTimeProvider.WallTime(sems, TimeSpan.FromMinutes(9)));
        Assert.Equal(TimeSpan.FromMinutes(9), ScaledTimeProvider.WallTime(wall, TimeSpan.FromMinutes(9)));
    }
}

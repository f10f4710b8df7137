using Sems.Engine.Limits;
using static Sems.Engine.Tests.Limits.LimitFixtures;

namespace Sems.Engine.Tests.Limits;

/// <summary>The effective limit per step on hand-made versions; every expected array is read off the intervals by hand.</summary>
public sealed class LimitScheduleTests
{
    // v1: 00:00–02:00 at 60-min resolution [100, 80] kW; v2: 01:00–03:00 [60, 50] kW.
    private static readonly LimitVersion V1 = Version(1, Request(At(0), 60, [100, 80]));
    private static readonly LimitVersion V2 = Version(2, Request(At(1), 60, [60, 50]));

    [Fact]
    public void A_newer_version_supersedes_an_older_one_only_on_the_intervals_they_share()
    {
        // 15-min steps from 00:00 to 03:00: 00:00–01:00 from v1 (100), 01:00–02:00 from v2 (60, not v1's 80), 02:00–03:00 from v2 (50).
        var limit = LimitSchedule.Effective([V1, V2], "district", "electricity", At(0), 15, 12, NoLimit(12));

        Assert.Equal([100, 100, 100, 100, 60, 60, 60, 60, 50, 50, 50, 50], limit.Kw);
        Assert.Equal([1L, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2], limit.VersionPerStep.Select(v => v!.Value));
        Assert.False(limit.FallbackActive);
        Assert.Equal(LimitState.Active, LimitSchedule.StateAt(V1, [V1, V2], At(0, 30), null));
    }

    [Fact]
    public void A_version_covering_all_of_an_older_one_supersedes_it()
    {
        // v3: 00:00–02:00 as one 120-min interval of 70 kW covers both of v1's intervals; v2's 02:00–03:00 stays its own.
        var v3 = Version(3, Request(At(0), 120, [70]));
        LimitVersion[] all = [V1, V2, v3];

        var limit = LimitSchedule.Effective(all, "district", "electricity", At(0), 15, 12, NoLimit(12));

        Assert.Equal([70, 70, 70, 70, 70, 70, 70, 70, 50, 50, 50, 50], limit.Kw);
        Assert.Equal([3L, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2], limit.VersionPerStep.Select(v => v!.Value));
        Assert.Equal(LimitState.Superseded, LimitSchedule.StateAt(V1, all, At(0, 30), null));
        Assert.Equal(LimitState.Active, LimitSchedule.StateAt(V2, all, At(1, 30), null));
        Assert.Equal(LimitState.Active, LimitSchedule.StateAt(v3, all, At(1, 30), null));
    }

    [Fact]
    public void A_30_minute_profile_maps_onto_15_minute_steps()
    {
        // [10, 20, 30] kW from 00:00 every 30 min ends at 01:30. Steps start 00:15, 00:30, …, 01:30:
        // 00:15 → interval 0 (10), 00:30 and 00:45 → 1 (20), 01:00 and 01:15 → 2 (30), 01:30 → past the end: base 99.
        var v = Version(1, Request(At(0), 30, [10, 20, 30]));

        var limit = LimitSchedule.Effective([v], "district", "electricity", At(0, 15), 15, 6, [99, 99, 99, 99, 99, 99]);

        Assert.Equal([10, 20, 20, 30, 30, 99], limit.Kw);
        Assert.Equal([1L, 1, 1, 1, 1, null], limit.VersionPerStep);
    }

    [Fact]
    public void The_fallback_applies_once_the_profile_runs_out()
    {
        // [40, 40] kW for 00:00–00:30, fallback 25 kW: steps 00:30 and 00:45 take the fallback, not the base 100.
        var v = Version(1, Request(At(0), 15, [40, 40], fallbackKw: 25));

        var limit = LimitSchedule.Effective([v], "district", "electricity", At(0), 15, 4, [100, 100, 100, 100]);

        Assert.Equal([40, 40, 25, 25], limit.Kw);
        Assert.Equal([false, false, true, true], limit.FallbackPerStep);
        Assert.Equal([1L, 1, 1, 1], limit.VersionPerStep.Select(x => x!.Value));
        Assert.True(limit.FallbackActive);
    }

    [Theory]
    [InlineData(30, new double[] { 40, 40, 25, 25, 25 })] // cancelled at 00:30: the 00:30 step is cancelled "at or before" its start
    [InlineData(20, new double[] { 40, 40, 25, 25, 25 })] // 00:20: the 00:15 step began before the cancel and keeps 40
    [InlineData(31, new double[] { 40, 40, 40, 25, 25 })] // 00:31: the 00:30 step keeps 40
    public void The_fallback_applies_after_a_cancel_only_from_the_cancel_time_on(int cancelMinute, double[] expectedKw)
    {
        // 40 kW for 00:00–01:00, fallback 25 kW, base 100 kW; steps 00:00 … 01:00.
        var v = Version(1, Request(At(0), 60, [40], fallbackKw: 25), cancelledAt: At(0, cancelMinute));

        var limit = LimitSchedule.Effective([v], "district", "electricity", At(0), 15, 5, [100, 100, 100, 100, 100]);

        Assert.Equal(expectedKw, limit.Kw);
        Assert.Equal(expectedKw.Select(kw => kw == 25).ToArray(), limit.FallbackPerStep);
    }

    [Fact]
    public void The_base_limit_applies_where_no_version_does()
    {
        // Another resource, another node, a version that starts after the horizon and an ended one without a fallback
        // all leave the base [70, 80, +∞, 90] kW in place.
        LimitVersion[] versions =
        [
            Version(1, Request(At(0), 60, [1], resource: "gas")),
            Version(2, Request(At(0), 60, [2], node: "feeder-7")),
            Version(3, Request(At(2), 60, [3])),
            Version(4, Request(At(-1), 60, [4])),
        ];

        var limit = LimitSchedule.Effective(versions, "district", "electricity", At(0), 15, 4, [70, 80, double.PositiveInfinity, 90]);

        Assert.Equal([70, 80, double.PositiveInfinity, 90], limit.Kw);
        Assert.All(limit.VersionPerStep, v => Assert.Null(v));
        Assert.False(limit.FallbackActive);
    }

    [Fact]
    public void The_newest_ended_version_with_a_fallback_gives_the_fallback()
    {
        // v1 50 kW 00:00–01:00, fallback 30; v2 (newer) 45 kW 00:00–00:30, fallback 20; v3 (newest) ended at 00:15, no fallback.
        // 00:00 → v3's 10; 00:15 → v2 covers (45); 00:30, 00:45 → v1 covers (50); 01:00 → both ended: v2 is the newest with a fallback → 20.
        LimitVersion[] versions =
        [
            Version(1, Request(At(0), 60, [50], fallbackKw: 30)),
            Version(2, Request(At(0), 30, [45], fallbackKw: 20)),
            Version(3, Request(At(0), 15, [10])),
        ];

        var limit = LimitSchedule.Effective(versions, "district", "electricity", At(0), 15, 5, NoLimit(5));

        Assert.Equal([10, 45, 50, 50, 20], limit.Kw);
        Assert.Equal([3L, 2, 1, 1, 2], limit.VersionPerStep.Select(v => v!.Value));
        Assert.Equal([false, false, false, false, true], limit.FallbackPerStep);
    }

    [Fact]
    public void Overlapped_lists_the_versions_a_request_shares_an_instant_with()
    {
        // Request 01:30–02:30. v1 (00:00–02:00) and v2 (01:00–03:00) overlap; v4 ends at 01:30 exactly (touching, not
        // overlapping); v5 overlaps but was cancelled at 01:00, before the request starts; v6 is another resource.
        LimitVersion[] versions =
        [
            V2, V1,
            Version(4, Request(At(1), 30, [1])),
            Version(5, Request(At(0), 180, [1]), cancelledAt: At(1)),
            Version(6, Request(At(0), 180, [1], resource: "heat")),
        ];

        var overlapped = LimitSchedule.Overlapped(versions, Request(At(1, 30), 60, [5]));

        Assert.Equal([1L, 2], overlapped);
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_the_parameter()
    {
        Assert.Equal("baseKw", Assert.Throws<ArgumentException>(() => LimitSchedule.Effective([V1], "district", "electricity", At(0), 15, 4, [1, 2])).ParamName);
        Assert.Equal("stepMinutes", Assert.Throws<ArgumentOutOfRangeException>(() => LimitSchedule.Effective([V1], "district", "electricity", At(0), 0, 1, [1])).ParamName);
        Assert.Equal("baseKw", Assert.Throws<ArgumentException>(() => LimitSchedule.Effective([], "district", "electricity", At(0), 15, 1, [double.NaN])).ParamName);
    }
}

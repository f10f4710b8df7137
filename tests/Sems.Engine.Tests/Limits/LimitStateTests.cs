using Sems.Engine.Limits;
using static Sems.Engine.Tests.Limits.LimitFixtures;

namespace Sems.Engine.Tests.Limits;

/// <summary>
/// The state of a version, and the precedence Cancelled → Superseded → Completed → Validated → Active → Scheduled.
/// v1 covers 00:00–02:00 and was set at 23:00 the day before.
/// </summary>
public sealed class LimitStateTests
{
    private static readonly LimitVersion V1 = Version(1, Request(At(0), 60, [100, 80]), setAt: At(-1));
    private static readonly LimitVersion Covering = Version(3, Request(At(0), 120, [70]));

    [Fact]
    public void Scheduled_before_its_start_active_inside_completed_from_its_end()
    {
        Assert.Equal(LimitState.Scheduled, LimitSchedule.StateAt(V1, [V1], At(-1, 30), null));
        Assert.Equal(LimitState.Active, LimitSchedule.StateAt(V1, [V1], At(0), null));
        Assert.Equal(LimitState.Active, LimitSchedule.StateAt(V1, [V1], At(1, 59), null));
        Assert.Equal(LimitState.Completed, LimitSchedule.StateAt(V1, [V1], At(2), null));
    }

    [Fact]
    public void Validated_until_a_cycle_has_planned_after_it_was_set()
    {
        // Set at 23:00; the last cycle planned at 22:45 (before): Validated, whether it is active or still scheduled.
        Assert.Equal(LimitState.Validated, LimitSchedule.StateAt(V1, [V1], At(0, 30), At(-2, 45)));
        Assert.Equal(LimitState.Validated, LimitSchedule.StateAt(V1, [V1], At(-1, 30), At(-2, 45)));
        // A cycle at 23:15 has planned with it; a planning time equal to the set time counts as planned.
        Assert.Equal(LimitState.Active, LimitSchedule.StateAt(V1, [V1], At(0, 30), At(-1, 15)));
        Assert.Equal(LimitState.Scheduled, LimitSchedule.StateAt(V1, [V1], At(-1, 30), At(-1)));
    }

    [Fact]
    public void Completed_takes_precedence_over_validated()
    {
        Assert.Equal(LimitState.Completed, LimitSchedule.StateAt(V1, [V1], At(3), At(-2)));
    }

    [Fact]
    public void Superseded_takes_precedence_over_completed_active_and_validated()
    {
        LimitVersion[] all = [V1, Covering];
        Assert.Equal(LimitState.Superseded, LimitSchedule.StateAt(V1, all, At(3), null));
        Assert.Equal(LimitState.Superseded, LimitSchedule.StateAt(V1, all, At(1), At(-2)));
        Assert.Equal(LimitState.Superseded, LimitSchedule.StateAt(V1, all, At(-1, 30), null));
    }

    [Fact]
    public void Cancelled_takes_precedence_over_everything()
    {
        var cancelled = V1 with { CancelledAt = At(1) };
        Assert.Equal(LimitState.Cancelled, LimitSchedule.StateAt(cancelled, [cancelled, Covering], At(3), At(-2)));
        Assert.Equal(LimitState.Cancelled, LimitSchedule.StateAt(cancelled, [cancelled], At(0, 30), null));
    }

    [Fact]
    public void Two_newer_versions_together_can_supersede_an_older_one()
    {
        // 00:00–01:00 and 01:00–02:00: no gap, every instant of v1 is covered.
        LimitVersion[] all = [V1, Version(2, Request(At(0), 60, [1])), Version(3, Request(At(1), 30, [1, 1]))];
        Assert.Equal(LimitState.Superseded, LimitSchedule.StateAt(V1, all, At(0, 30), null));
    }

    [Fact]
    public void A_gap_of_one_step_leaves_the_older_version_in_force()
    {
        // 00:00–00:45 and 01:00–02:00 leave 00:45–01:00 to v1.
        LimitVersion[] all = [V1, Version(2, Request(At(0), 15, [1, 1, 1])), Version(3, Request(At(1), 60, [1]))];
        Assert.Equal(LimitState.Active, LimitSchedule.StateAt(V1, all, At(0, 30), null));
    }

    [Fact]
    public void Only_newer_versions_of_the_same_node_and_resource_supersede()
    {
        var older = Version(0, Request(At(0), 120, [1]));
        var gas = Version(5, Request(At(0), 120, [1], resource: "gas"));
        var feeder = Version(6, Request(At(0), 120, [1], node: "feeder-7"));
        Assert.Equal(LimitState.Active, LimitSchedule.StateAt(V1, [older, V1, gas, feeder], At(0, 30), null));
    }

    [Fact]
    public void A_newer_version_cancelled_early_gives_the_older_one_its_intervals_back()
    {
        // v3 covers v1 but was cancelled at 01:00: from 01:00 on v1 applies again, so v1 is not superseded.
        var cancelledAt1 = Covering with { CancelledAt = At(1) };
        Assert.Equal(LimitState.Active, LimitSchedule.StateAt(V1, [V1, cancelledAt1], At(0, 30), null));
        Assert.Equal(80.0, LimitSchedule.Effective([V1, cancelledAt1], "district", "electricity", At(1), 15, 1, [1e9]).Kw[0]);

        // Cancelled at 02:00, v1's end: v3 covered every instant of v1.
        var cancelledAt2 = Covering with { CancelledAt = At(2) };
        Assert.Equal(LimitState.Superseded, LimitSchedule.StateAt(V1, [V1, cancelledAt2], At(0, 30), null));
    }
}

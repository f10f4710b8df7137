using Sems.Engine.Coordination;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// Algorithm 1 on hand-made plans. The stand-in subsystems answer a re-solve by drawing exactly their tightened
/// maximum (or refuse, where a test says so), so every number below follows from the algorithm alone. Δt = 0.25 h.
/// </summary>
public sealed class Algorithm1Tests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> Limit100 = Series("electricity", 100, 100);

    [Fact]
    public async Task One_subsystem_absorbs_the_whole_excess()
    {
        // Ptot = [60+50, 80+50] = [110, 130]; Pex = [10, 30]. Priority 1 gets P̄max = [60−10, 80−30] = [50, 50];
        // Ptot becomes [100, 100]. Violation before: (10 + 30)·0.25 = 10 kWh; after: 0.
        var resolved = new List<string>();
        var report = await Algorithm1.RunAsync(0.25, 2, Limit100,
            [Participant("a", 1, [60, 80]), Participant("b", 2, [50, 50])], TakeTheMaximum(resolved));

        Assert.Equal(["a"], resolved);
        Assert.Equal((1, 1), (report.Rounds, report.Resolves));
        Assert.Equal([50.0, 50.0], report.Participants[0].TightenedMaxKw["electricity"]);
        Assert.Empty(report.Participants[1].TightenedMaxKw);
        Assert.Equal([10.0, 30.0], report.ExcessBeforeKw["electricity"]);
        Assert.Equal([0.0, 0.0], report.ExcessAfterKw["electricity"]);
        Assert.Equal(10.0, report.ViolationBeforeKwh["electricity"], 9);
        Assert.Equal(0.0, report.ViolationAfterKwh["electricity"], 9);
        Assert.Equal([100.0, 100.0], report.DrawAfterKw["electricity"]);
        Assert.True(report.LimitsHold);
    }

    [Fact]
    public async Task Excess_cascades_to_the_second_priority_when_the_first_hits_its_minimum()
    {
        // a: P̄max = max(Pmin 55, [50, 50]) = [55, 55] → Ptot [105, 105], Pex [5, 5];
        // b: P̄max = [50−5, 50−5] = [45, 45] → Ptot [100, 100].
        var resolved = new List<string>();
        var report = await Algorithm1.RunAsync(0.25, 2, Limit100,
            [Participant("b", 2, [50, 50]), Participant("a", 1, [60, 80], min: 55)], TakeTheMaximum(resolved));

        Assert.Equal(["a", "b"], resolved);
        Assert.Equal(2, report.Rounds);
        Assert.Equal([55.0, 55.0], report.Participants[0].TightenedMaxKw["electricity"]);
        Assert.Equal([45.0, 45.0], report.Participants[1].TightenedMaxKw["electricity"]);
        Assert.Equal([100.0, 100.0], report.DrawAfterKw["electricity"]);
        Assert.True(report.LimitsHold);
    }

    [Fact]
    public async Task An_unreachable_limit_is_reported_with_its_remaining_violation()
    {
        // As above but b cannot go below 48: b's P̄max = max(48, 45) = [48, 48] → Ptot [103, 103]:
        // 3 kW over at both steps, 2·3·0.25 = 1.5 kWh left; both keep feasible plans.
        var report = await Algorithm1.RunAsync(0.25, 2, Limit100,
            [Participant("a", 1, [60, 80], min: 55), Participant("b", 2, [50, 50], min: 48)], TakeTheMaximum([]));

        Assert.False(report.LimitsHold);
        Assert.Equal([3.0, 3.0], report.ExcessAfterKw["electricity"].Select(v => Math.Round(v, 9)));
        Assert.Equal(1.5, report.ViolationAfterKwh["electricity"], 9);
        Assert.All(report.Participants, p => Assert.True(p.Accepted));
    }

    [Fact]
    public async Task A_subsystem_that_cannot_meet_its_tightened_limit_keeps_its_plan_and_the_next_one_is_tightened()
    {
        // a refuses; its draw stays [60, 80]; b then gets P̄max = [50−10, 50−30] = [40, 20] → Ptot [100, 100].
        var report = await Algorithm1.RunAsync(0.25, 2, Limit100,
            [Participant("a", 1, [60, 80]), Participant("b", 2, [50, 50])],
            (p, max) => ValueTask.FromResult(p.Id == "a"
                ? new ResolvedPlan(false, p.DrawKw, "kept its last feasible plan: heat balance (eq. 18) short by 10 kW at step 1")
                : new ResolvedPlan(true, max)));

        Assert.False(report.Participants[0].Accepted);
        Assert.Contains("kept its last feasible plan: heat balance (eq. 18) short by 10 kW", report.Participants[0].Note);
        Assert.Equal([40.0, 20.0], report.Participants[1].TightenedMaxKw["electricity"]);
        Assert.True(report.LimitsHold);
    }

    [Fact]
    public async Task The_literal_rule_holds_steps_without_excess_at_the_planned_draw()
    {
        // Only step 1 is over (Ptot [90, 130]); a's P̄max = [60 − 0, 80 − 30] = [60, 50]: step 0 is capped at the plan.
        var report = await Algorithm1.RunAsync(0.25, 2, Limit100,
            [Participant("a", 1, [60, 80]), Participant("b", 2, [30, 50])], TakeTheMaximum([]), CoordinationRule.Literal);

        Assert.Equal([60.0, 50.0], report.Participants[0].TightenedMaxKw["electricity"]);
    }

    [Fact]
    public async Task The_allowance_rule_offers_the_headroom_of_steps_without_excess()
    {
        // Ptot [90, 130]: a's P̄max = Plim − (Ptot − Psub) = [100 − 30, 100 − 50] = [70, 50]; with a drawing its maximum
        // Ptot becomes [100, 100]: the limit holds and a may move load into step 0.
        var report = await Algorithm1.RunAsync(0.25, 2, Limit100,
            [Participant("a", 1, [60, 80]), Participant("b", 2, [30, 50])], TakeTheMaximum([]));

        Assert.Equal([70.0, 50.0], report.Participants[0].TightenedMaxKw["electricity"]);
        Assert.Equal([100.0, 100.0], report.DrawAfterKw["electricity"]);
        Assert.True(report.LimitsHold);
    }

    [Fact]
    public async Task The_allowance_never_exceeds_the_subsystems_own_pmax()
    {
        // As above with a's Pmax 65: step 0 gets min(65, 70) = 65.
        var a = Participant("a", 1, [60, 80]) with { MaxKw = Series("electricity", 65, 90) };
        var report = await Algorithm1.RunAsync(0.25, 2, Limit100, [a, Participant("b", 2, [30, 50])], TakeTheMaximum([]));

        Assert.Equal([65.0, 50.0], report.Participants[0].TightenedMaxKw["electricity"]);
    }

    [Fact]
    public async Task A_subsystem_without_a_plan_counts_its_fallback_draw_not_zero()
    {
        // b has no plan and counts [50, 50] (its last plan or Pmax): Ptot = [110, 130], Pex = [10, 30], so a is
        // tightened to [60 − 10, 80 − 30] = [50, 50]. Counted as 0 kW, Ptot would be [60, 80] and nothing would happen.
        var b = new CoordinationParticipant("b", 2, Series("electricity", 0, 0), new Dictionary<string, IReadOnlyList<double>>(), HasPlan: false)
        {
            NoPlanDrawKw = Series("electricity", 50, 50),
        };
        var resolved = new List<string>();
        var report = await Algorithm1.RunAsync(0.25, 2, Limit100, [Participant("a", 1, [60, 80]), b], TakeTheMaximum(resolved));

        Assert.Equal([110.0, 130.0], report.DrawBeforeKw["electricity"]);
        Assert.Equal(["a"], resolved);
        Assert.Equal([50.0, 50.0], report.Participants[0].TightenedMaxKw["electricity"]);
        Assert.Equal([100.0, 100.0], report.DrawAfterKw["electricity"]);
    }

    [Fact]
    public async Task No_excess_means_no_resolve()
    {
        var report = await Algorithm1.RunAsync(0.25, 2, Limit100,
            [Participant("a", 1, [40, 40]), Participant("b", 2, [50, 50])],
            (_, _) => throw new InvalidOperationException("must not re-solve"));

        Assert.Equal((0, 0), (report.Rounds, report.Resolves));
        Assert.Equal(0, report.ViolationBeforeKwh["electricity"]);
    }

    private static Algorithm1.Resolve TakeTheMaximum(List<string> resolved) => (participant, max) =>
    {
        resolved.Add(participant.Id);
        var draw = new Dictionary<string, IReadOnlyList<double>>(participant.DrawKw);
        foreach (var (resource, series) in max) draw[resource] = series;
        return ValueTask.FromResult(new ResolvedPlan(true, draw));
    };

    private static CoordinationParticipant Participant(string id, int priority, double[] draw, double min = 0) =>
        new(id, priority, Series("electricity", min, min), Series("electricity", draw));

    private static IReadOnlyDictionary<string, IReadOnlyList<double>> Series(string resource, params double[] values) =>
        new Dictionary<string, IReadOnlyList<double>> { [resource] = values };
}

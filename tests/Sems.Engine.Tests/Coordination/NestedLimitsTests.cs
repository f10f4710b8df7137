using Sems.Engine.Coordination;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// Algorithm 1 on a substation with two feeders, on hand-made plans. The stand-in subsystems answer a re-solve by
/// drawing min(Psub, P̄max) at every step, so every number below follows from the algorithm alone. Δt = 0.25 h.
/// </summary>
public sealed class NestedLimitsTests
{
    private const string E = "electricity";

    [Fact]
    public async Task A_limit_binding_at_feeder_a_only_tightens_only_feeder_a()
    {
        // Feeder A: a1 [60, 80] + a2 [50, 50] = [110, 130] over its 100 → excess [10, 30]. Feeder B: b1 [70, 70] +
        // b2 [20, 20] = [90, 90] under its 100. Substation: [200, 220] under 1000.
        // b1 (priority 1) is visited (an excess remains) but nothing on its path is in excess: not re-solved.
        // a1: P̄max = min over A and the substation of Plim − (draw − Psub): A [100 − 50, 100 − 50] = [50, 50],
        // substation [1000 − 140, 1000 − 140] = [860, 860] → [50, 50]; it draws [50, 50], A becomes [100, 100]: done.
        var tree = Tree(substation: Flat(1000), a: Flat(100), b: Flat(100));
        var resolved = new List<string>();
        var report = await Algorithm1.RunAsync(0.25, 2, tree,
            [At("b1", 1, "feeder-b", [70, 70]), At("a1", 2, "feeder-a", [60, 80]), At("a2", 3, "feeder-a", [50, 50]), At("b2", 4, "feeder-b", [20, 20])],
            DrawAtMostTheCap(resolved));

        Assert.Equal(["a1"], resolved);
        Assert.Equal((2, 1), (report.Visited, report.Resolves));
        var b1 = report.Participants.Single(p => p.Id == "b1");
        Assert.False(b1.Resolved);
        Assert.Empty(b1.TightenedMaxKw);
        Assert.Equal("draws none of the resources in excess on its path to the root", b1.Note);
        Assert.Equal([50.0, 50.0], report.Participants.Single(p => p.Id == "a1").TightenedMaxKw[E]);

        var a = report.Nodes["feeder-a"][E];
        Assert.Equal([110.0, 130.0], a.DrawBeforeKw);
        Assert.Equal([100.0, 100.0], a.DrawAfterKw);
        Assert.Equal([10.0, 30.0], a.ExcessBeforeKw);
        Assert.Equal(10.0, a.ViolationBeforeKwh, 9); // (10 + 30)·0.25
        Assert.Equal(0.0, a.ViolationAfterKwh, 9);
        Assert.Equal([90.0, 90.0], report.Nodes["feeder-b"][E].DrawAfterKw);
        // The top-level fields are the root's: 1000 kW, [200, 220] → [190, 190], no violation before or after.
        Assert.Equal([1000.0, 1000.0], report.LimitKw[E]);
        Assert.Equal([200.0, 220.0], report.DrawBeforeKw[E]);
        Assert.Equal([190.0, 190.0], report.DrawAfterKw[E]);
        Assert.Equal(0.0, report.ViolationBeforeKwh[E]);
        Assert.True(report.LimitsHold);
        Assert.Equal("priority", report.Mode);
    }

    [Fact]
    public async Task A_limit_binding_at_the_substation_only_cascades_across_both_feeders()
    {
        // Feeders without limits. Substation: a1 [60, 80] + b1 [50, 50] + r1 (at the root) [30, 40] = [140, 170]
        // over 150 → excess [0, 20].
        // a1 (Pmin 65): P̄max = max(65, [150 − 80, 150 − 90]) = [70, 65]; draws [60, 65]; substation [140, 155], excess [0, 5].
        // b1: P̄max = [150 − (140 − 50), 150 − (155 − 50)] = [60, 45]; draws [50, 45]; substation [140, 150]: done.
        var tree = Tree(substation: Flat(150), a: null, b: null);
        var report = await Algorithm1.RunAsync(0.25, 2, tree,
            [At("a1", 1, "feeder-a", [60, 80], min: 65), At("b1", 2, "feeder-b", [50, 50]), At("r1", 3, null, [30, 40])],
            DrawAtMostTheCap([]));

        Assert.Equal([70.0, 65.0], report.Participants[0].TightenedMaxKw[E]);
        Assert.Equal([60.0, 45.0], report.Participants[1].TightenedMaxKw[E]);
        Assert.False(report.Participants[2].Resolved);
        Assert.Equal([140.0, 150.0], report.DrawAfterKw[E]);
        Assert.Equal([0.0, 20.0], report.ExcessBeforeKw[E]);
        Assert.Equal(5.0, report.ViolationBeforeKwh[E], 9); // 20·0.25
        Assert.Null(report.Nodes["feeder-a"][E].LimitKw);
        Assert.Equal([60.0, 65.0], report.Nodes["feeder-a"][E].DrawAfterKw);
        Assert.Equal([50.0, 45.0], report.Nodes["feeder-b"][E].DrawAfterKw);
        Assert.Equal([0.0, 0.0], report.Nodes["feeder-b"][E].ExcessBeforeKw);
        Assert.True(report.LimitsHold);
    }

    [Theory]
    [InlineData(CoordinationRule.Allowance, 80.0)]
    [InlineData(CoordinationRule.Literal, 40.0)]
    public async Task Limits_binding_at_a_feeder_and_at_the_substation_at_different_steps_take_the_tightest_on_the_path(CoordinationRule rule, double b1Step0)
    {
        // Feeder A (limit 100): a1 [70, 50] + a2 [50, 50] = [120, 100] → excess [20, 0] (step 0).
        // Feeder B (no limit): b1 [40, 90] + b2 [20, 40] = [60, 130].
        // Substation (limit 200): [180, 230] → excess [0, 30] (step 1).
        // a1 (Pmin 40), allowance: step 0 min(A 100 − 50, S 200 − 110) = 50, step 1 min(A 100 − 50, S 200 − 180) = 20 → [50, 40]
        // with Pmin; literal: [70 − max(20, 0), 50 − max(0, 30)] = [50, 20] → [50, 40]. Either way it draws [50, 40]:
        // A [100, 90], S [160, 220], excess [0, 20] at the substation.
        // b1 (only S limits its path): allowance [200 − 120, 200 − 130] = [80, 70]; literal [40 − 0, 90 − 20] = [40, 70].
        // It draws [40, 70]: S [160, 200]. a2 and b2 are not visited.
        var tree = Tree(substation: Flat(200), a: Flat(100), b: null);
        var report = await Algorithm1.RunAsync(0.25, 2, tree,
            [At("a1", 1, "feeder-a", [70, 50], min: 40), At("b1", 2, "feeder-b", [40, 90]), At("a2", 3, "feeder-a", [50, 50]), At("b2", 4, "feeder-b", [20, 40])],
            DrawAtMostTheCap([]), rule);

        Assert.Equal([50.0, 40.0], report.Participants[0].TightenedMaxKw[E]);
        Assert.Equal([b1Step0, 70.0], report.Participants[1].TightenedMaxKw[E]);
        Assert.Equal((2, 2), (report.Visited, report.Resolves));
        Assert.All(report.Participants.Skip(2), p => Assert.False(p.Resolved));
        Assert.Equal([20.0, 0.0], report.Nodes["feeder-a"][E].ExcessBeforeKw);
        Assert.Equal([100.0, 90.0], report.Nodes["feeder-a"][E].DrawAfterKw);
        Assert.Equal([0.0, 30.0], report.Nodes["substation"][E].ExcessBeforeKw);
        Assert.Equal([160.0, 200.0], report.Nodes["substation"][E].DrawAfterKw);
        Assert.Equal([60.0, 110.0], report.Nodes["feeder-b"][E].DrawAfterKw);
        Assert.True(report.LimitsHold);
    }

    [Fact]
    public async Task An_unmet_feeder_limit_fails_limits_hold_even_when_the_root_holds()
    {
        // Feeder A (limit 50): a1 [60, 60] with Pmin 55: P̄max max(55, 50 − 0) = 55, draws [55, 55]: 5 kW over at both
        // steps, 2·5·0.25 = 2.5 kWh left at A; the substation (limit 1000) holds.
        var report = await Algorithm1.RunAsync(0.25, 2, Tree(substation: Flat(1000), a: Flat(50), b: null),
            [At("a1", 1, "feeder-a", [60, 60], min: 55)], DrawAtMostTheCap([]));

        Assert.Equal(0.0, report.ViolationAfterKwh[E]);
        Assert.Equal(2.5, report.Nodes["feeder-a"][E].ViolationAfterKwh, 9);
        Assert.False(report.Nodes["feeder-a"][E].Holds);
        Assert.False(report.LimitsHold);
    }

    [Fact]
    public async Task A_participant_at_an_unknown_node_is_refused_with_its_id_and_the_node()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Algorithm1.RunAsync(0.25, 2, Tree(Flat(100), null, null),
            [At("a1", 1, "feeder-c", [60, 60])], DrawAtMostTheCap([])));
        Assert.Contains("participant \"a1\": node \"feeder-c\" is not a node of the grid", error.Message);
    }

    [Fact]
    public async Task The_flat_overload_reports_its_one_root_node()
    {
        // One flat limit of 100: [60 + 50, 80 + 50] = [110, 130], a1 takes [50, 50]; the root node "root" says the same.
        var report = await Algorithm1.RunAsync(0.25, 2, Flat(100), [At("a1", 1, null, [60, 80]), At("b1", 2, null, [50, 50])], DrawAtMostTheCap([]));

        var root = Assert.Single(report.Nodes);
        Assert.Equal(Algorithm1.FlatRootId, root.Key);
        Assert.Equal([100.0, 100.0], root.Value[E].DrawAfterKw);
        Assert.Equal([100.0, 100.0], report.DrawAfterKw[E]);
        Assert.Equal(10.0, root.Value[E].ViolationBeforeKwh, 9);
    }

    /// <summary>substation → feeder-a, feeder-b, each with its electricity limit or none.</summary>
    internal static LimitTree Tree(IReadOnlyDictionary<string, IReadOnlyList<double>> substation,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? a, IReadOnlyDictionary<string, IReadOnlyList<double>>? b) =>
        new(["substation", "feeder-a", "feeder-b"], [-1, 0, 0], [substation, a ?? None, b ?? None]);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> None = new Dictionary<string, IReadOnlyList<double>>();

    private static IReadOnlyDictionary<string, IReadOnlyList<double>> Flat(double kw) =>
        new Dictionary<string, IReadOnlyList<double>> { [E] = new[] { kw, kw } };

    private static Algorithm1.Resolve DrawAtMostTheCap(List<string> resolved) => (participant, max) =>
    {
        resolved.Add(participant.Id);
        var draw = new Dictionary<string, IReadOnlyList<double>>(participant.DrawKw);
        foreach (var (resource, cap) in max) draw[resource] = participant.DrawKw[resource].Select((v, i) => Math.Min(v, cap[i])).ToArray();
        return ValueTask.FromResult(new ResolvedPlan(true, draw));
    };

    private static CoordinationParticipant At(string id, int priority, string? node, double[] draw, double min = 0) =>
        new(id, priority, new Dictionary<string, IReadOnlyList<double>> { [E] = new[] { min, min } }, new Dictionary<string, IReadOnlyList<double>> { [E] = draw })
        {
            Node = node,
        };
}

using Sems.Engine.Coordination;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// The parallel priority mode on hand-worked cases: when a speculative answer is used, when it is refused and
/// re-solved, and the rule that decides (<see cref="Algorithm1.ProvablySequential"/>). Δt = 0.25 h, one flat limit.
/// </summary>
public sealed class ParallelPriorityTests
{
    private const string E = "electricity";

    // Limit [120, 100]. a (priority 1) draws [60, 80] with Pmin [0, 70]; b (priority 2) draws [45, 50].
    // Ptot [105, 130], excess [0, 30]. a's P̄max = max(Pmin, [120 − 45, 100 − 50]) = [75, 70]. The batch predicts a
    // draws min(Psub, P̄max) = [60, 70]: Ptot [105, 120], excess [0, 20], so b is solved ahead on
    // [120 − 60, 100 − 70] = [60, 30] and answers min(Psub, P̄max) = [45, 30].
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> Limit = Series(120, 100);

    [Theory]
    // a really draws [70, 70] (10 kW moved into step 0): b's exact P̄max is [120 − 70, 30] = [50, 30]; the speculative
    // cap 60 was looser at step 0 and b's 45 kW fits under 50: the same answer, used without a second batch.
    [InlineData(70.0, 50.0)]
    // a really draws [50, 70]: b's exact P̄max is [120 − 50, 30] = [70, 30]; the speculative cap 60 was tighter at
    // step 0 but b's 45 kW is strictly below it, so loosening it changes nothing.
    [InlineData(50.0, 70.0)]
    public async Task A_convex_speculation_solved_on_a_different_cap_is_used_when_provably_the_same_optimum(double aStep0, double bExactStep0)
    {
        var report = await Algorithm1.RunParallelAsync(0.25, 2, LimitTree.Flat("root", Limit), Participants(bConvex: true), Batch(aStep0), batchSize: 2);

        var b = report.Participants[1];
        Assert.True(b.Speculative);
        Assert.Equal([bExactStep0, 30.0], b.TightenedMaxKw[E]);
        Assert.Equal([60.0, 30.0], b.SolvedMaxKw![E]);
        Assert.Equal([45.0, 30.0], b.Plan!.DrawKw[E]);
        Assert.Equal((1, 2, 1, 0), (report.Rounds, report.Resolves, report.SpeculativeResolves, report.WastedResolves));
        Assert.Equal("priority-parallel", report.Mode);

        var sequential = await Algorithm1.RunAsync(0.25, 2, LimitTree.Flat("root", Limit), Participants(bConvex: true), One(aStep0));
        Assert.Equal(sequential.Participants[1].TightenedMaxKw[E], b.TightenedMaxKw[E]);
        Assert.Equal(sequential.DrawAfterKw[E], report.DrawAfterKw[E]); // [aStep0 + 45, 70 + 30]
        Assert.Equal([aStep0 + 45, 100.0], report.DrawAfterKw[E]);
    }

    [Fact]
    public async Task A_speculation_of_a_participant_not_marked_convex_is_re_solved_on_its_exact_cap()
    {
        // As the first case, b not convex: its answer on [60, 30] cannot stand for [50, 30]; a second batch solves b
        // on [50, 30]. Two rounds, two used answers, one wasted.
        var requests = new List<string>();
        var report = await Algorithm1.RunParallelAsync(0.25, 2, LimitTree.Flat("root", Limit), Participants(bConvex: false), Batch(70, requests), batchSize: 2);

        Assert.Equal(["a:75,70", "b:60,30", "b:50,30"], requests);
        var b = report.Participants[1];
        Assert.False(b.Speculative);
        Assert.Equal([50.0, 30.0], b.SolvedMaxKw![E]);
        Assert.Equal((2, 2, 1, 1), (report.Rounds, report.Resolves, report.SpeculativeResolves, report.WastedResolves));
    }

    [Fact]
    public async Task A_prediction_that_comes_true_needs_one_batch_for_several_resolves()
    {
        // a answers exactly min(Psub, P̄max) = [60, 70], as predicted; b's speculative [60, 30] is its exact cap.
        var report = await Algorithm1.RunParallelAsync(0.25, 2, LimitTree.Flat("root", Limit), Participants(bConvex: false), Batch(60), batchSize: 2);

        Assert.True(report.Participants[1].Speculative);
        Assert.Equal((1, 2, 0), (report.Rounds, report.Resolves, report.WastedResolves));
    }

    [Fact]
    public async Task Batches_of_one_are_the_sequential_algorithm()
    {
        var report = await Algorithm1.RunParallelAsync(0.25, 2, LimitTree.Flat("root", Limit), Participants(bConvex: true), Batch(70), batchSize: 1);
        Assert.Equal((2, 2, 0, 0), (report.Rounds, report.Resolves, report.SpeculativeResolves, report.WastedResolves));
    }

    [Fact]
    public async Task A_batch_size_below_one_is_refused_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
            await Algorithm1.RunParallelAsync(0.25, 2, LimitTree.Flat("root", Limit), Participants(true), Batch(70), batchSize: 0));
        Assert.Contains("batchSize: 0", error.Message);
    }

    [Theory]
    // exact cap, solved cap, drawn, convex, accepted → provably the sequential answer?
    [InlineData(50.0, 50.0 + 1e-10, 50.0, false, false, true)] // the same cap within 1e-9: any answer, refused or not
    [InlineData(50.0, 60.0, 45.0, false, true, false)] // differs and not convex
    [InlineData(50.0, 60.0, 45.0, true, true, true)] // looser and it fits the exact cap
    [InlineData(50.0, 60.0, 55.0, true, true, false)] // looser but 55 kW does not fit under 50
    [InlineData(70.0, 60.0, 45.0, true, true, true)] // tighter and inactive: 45 < 60
    [InlineData(70.0, 60.0, 60.0, true, true, false)] // tighter and binding: 60 = 60
    [InlineData(70.0, 60.0, 45.0, true, false, false)] // refused on a different cap proves nothing
    public void The_reuse_rule(double exactKw, double solvedKw, double drawnKw, bool convex, bool accepted, bool expected)
    {
        var participant = new CoordinationParticipant("b", 2, Series(0, 0), Series(80, 80)) { Convex = convex };
        var plan = new ResolvedPlan(accepted, Series(drawnKw, 30));
        Assert.Equal(expected, Algorithm1.ProvablySequential(participant, Series(exactKw, 30), Series(solvedKw, 30), plan));
    }

    [Fact]
    public void Caps_on_different_resources_are_never_the_same_re_solve()
    {
        var participant = new CoordinationParticipant("b", 2, Series(0, 0), Series(80, 80)) { Convex = true };
        var gas = new Dictionary<string, IReadOnlyList<double>> { ["gas"] = new[] { 50.0, 30 } };
        Assert.False(Algorithm1.ProvablySequential(participant, Series(50, 30), gas, new ResolvedPlan(true, Series(40, 30))));
    }

    private static IReadOnlyList<CoordinationParticipant> Participants(bool bConvex) =>
    [
        new("a", 1, Series(0, 70), Series(60, 80)),
        new("b", 2, Series(0, 0), Series(45, 50)) { Convex = bConvex },
    ];

    /// <summary>a answers [aStep0, 70]; b answers min(Psub, P̄max).</summary>
    private static ResolvedPlan Answer(CoordinationParticipant participant, IReadOnlyDictionary<string, IReadOnlyList<double>> max, double aStep0) =>
        participant.Id == "a"
            ? new ResolvedPlan(true, Series(aStep0, 70))
            : new ResolvedPlan(true, Series(Math.Min(participant.DrawKw[E][0], max[E][0]), Math.Min(participant.DrawKw[E][1], max[E][1])));

    private static Algorithm1.ResolveBatch Batch(double aStep0, List<string>? requests = null) => batch =>
    {
        requests?.AddRange(batch.Select(r => $"{r.Participant.Id}:{string.Join(",", r.TightenedMaxKw[E])}"));
        return ValueTask.FromResult<IReadOnlyList<ResolvedPlan>>(batch.Select(r => Answer(r.Participant, r.TightenedMaxKw, aStep0)).ToList());
    };

    private static Algorithm1.Resolve One(double aStep0) => (participant, max) => ValueTask.FromResult(Answer(participant, max, aStep0));

    private static IReadOnlyDictionary<string, IReadOnlyList<double>> Series(params double[] values) =>
        new Dictionary<string, IReadOnlyList<double>> { [E] = values };
}

using Sems.Engine.Coordination;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// Algorithm 1's horizon fallback on hand-made subsystems, Δt = 0.25 h, 4 steps, a 70 kW limit. "heat" (priority 1)
/// must draw 50 kW at every step (Pmin 50). "ev" (priority 2) owes 30 kWh that it must deliver within the horizon (a
/// store that returns to its initial state by the last step) and delivers it as early as each step's cap allows, at
/// most 150 kW: uncapped it plans [120, 0, 0, 0] (120 kW · 0.25 h = 30 kWh). Every number below follows by hand.
/// </summary>
public sealed class HorizonFallbackTests
{
    private const double StepHours = 0.25;
    private const double OwedKwh = 30;
    private const double EvMaxKw = 150;

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> Limit70 = Series(70, 70, 70, 70);

    [Fact]
    public async Task A_refused_reSolve_is_retried_on_a_shorter_lead_and_step_0_meets_the_limit()
    {
        // Ptot = [170, 50, 50, 50], Pex = [100, 0, 0, 0]. heat: P̄max = [max(50, 70 − 120), 70, 70, 70]; it keeps 50 kW.
        // ev: P̄max = 70 − 50 = 20 at every step: 4 · 20 kW · 0.25 h = 20 kWh < 30 kWh, refused.
        // Retry on the first 2 steps: caps [20, 20, 150, 150] → [20, 20, 80, 0] (5 + 5 + 20 = 30 kWh), accepted.
        // Ptot = [70, 70, 130, 50]: step 0 (the one committed) holds; 60 kW · 0.25 h = 15 kWh left at step 2.
        var calls = new List<double[]>();
        var report = await Algorithm1.RunCappedAsync(StepHours, 4, LimitTree.Flat("root", Limit70), Participants(), Hub(calls), horizonFallback: true);

        Assert.Equal([[50, 70, 70, 70], [20, 20, 20, 20], [20, 20, EvMaxKw, EvMaxKw]], calls);
        Assert.Equal(3, report.Resolves);
        var ev = report.Participants[1];
        Assert.True(ev.Accepted);
        Assert.Equal(2, ev.CappedSteps);
        Assert.Contains("first 2 of 4 steps", ev.Note);
        Assert.Contains("owes 30 kWh", ev.Note);
        Assert.Equal([70.0, 70.0, 130.0, 50.0], report.DrawAfterKw["electricity"]);
        Assert.Equal([0.0, 0.0, 60.0, 0.0], report.ExcessAfterKw["electricity"]);
        Assert.Equal(15.0, report.ViolationAfterKwh["electricity"], 9);
    }

    [Fact]
    public async Task Without_the_fallback_the_refusing_subsystem_keeps_its_uncapped_plan_step_0_included()
    {
        // As above, ev refused and not retried: Ptot stays [170, 50, 50, 50]: 100 kW over at step 0, 25 kWh.
        var calls = new List<double[]>();
        var report = await Algorithm1.RunCappedAsync(StepHours, 4, LimitTree.Flat("root", Limit70), Participants(), Hub(calls));

        Assert.Equal(2, calls.Count);
        Assert.False(report.Participants[1].Accepted);
        Assert.Null(report.Participants[1].CappedSteps);
        Assert.Equal([100.0, 0.0, 0.0, 0.0], report.ExcessAfterKw["electricity"]);
        Assert.Equal(25.0, report.ViolationAfterKwh["electricity"], 9);
    }

    [Fact]
    public async Task Every_lead_refused_keeps_the_plan_after_one_retry_per_halving()
    {
        // ev must also draw at least 40 kW at step 0, above its cap of 20 on every lead: refused on 4, 2 and 1 steps.
        var calls = new List<double[]>();
        var report = await Algorithm1.RunCappedAsync(StepHours, 4, LimitTree.Flat("root", Limit70), Participants(), Hub(calls, mustAtStep0Kw: 40), horizonFallback: true);

        Assert.Equal(4, report.Resolves); // heat, ev on 4 steps, on 2, on 1
        Assert.Equal([20, EvMaxKw, EvMaxKw, EvMaxKw], calls[^1]);
        Assert.False(report.Participants[1].Accepted);
        Assert.Equal([100.0, 0.0, 0.0, 0.0], report.ExcessAfterKw["electricity"]);
    }

    [Fact]
    public async Task A_failed_answer_is_not_retried()
    {
        var calls = 0;
        var report = await Algorithm1.RunCappedAsync(StepHours, 4, LimitTree.Flat("root", Limit70), Participants(), (p, caps) =>
        {
            calls++;
            return ValueTask.FromResult(p.Id == "heat"
                ? new ResolvedPlan(true, p.DrawKw)
                : new ResolvedPlan(false, p.DrawKw, "kept its plan: the re-solve timed out") { Failed = true });
        }, horizonFallback: true);

        Assert.Equal(2, calls);
        Assert.False(report.Participants[1].Accepted);
    }

    [Fact]
    public async Task The_parallel_mode_ends_where_the_sequential_one_does()
    {
        var sequential = await Algorithm1.RunCappedAsync(StepHours, 4, LimitTree.Flat("root", Limit70), Participants(), Hub([]), horizonFallback: true);
        var hub = Hub([]);
        var parallel = await Algorithm1.RunParallelCappedAsync(StepHours, 4, LimitTree.Flat("root", Limit70), Participants(), async requests =>
        {
            var answers = new List<ResolvedPlan>();
            foreach (var (participant, caps) in requests) answers.Add(await hub(participant, caps));
            return answers;
        }, batchSize: 2, horizonFallback: true);

        Assert.Equal([70.0, 70.0, 130.0, 50.0], parallel.DrawAfterKw["electricity"]);
        Assert.Equal(sequential.DrawAfterKw["electricity"], parallel.DrawAfterKw["electricity"]);
        Assert.Equal(2, parallel.Participants[1].CappedSteps);
    }

    private static List<CoordinationParticipant> Participants() =>
    [
        new("heat", 1, Series(50, 50, 50, 50), Series(50, 50, 50, 50)),
        new("ev", 2, Series(0, 0, 0, 0), Series(120, 0, 0, 0)) { MaxKw = Series(EvMaxKw, EvMaxKw, EvMaxKw, EvMaxKw) },
    ];

    /// <summary>heat keeps its 50 kW; ev delivers <see cref="OwedKwh"/> as early as its caps allow, or refuses when they hold less.</summary>
    private static Algorithm1.ResolveCapped Hub(List<double[]> calls, double mustAtStep0Kw = 0) => (participant, caps) =>
    {
        var cap = caps.ImportMaxKw["electricity"].ToArray();
        calls.Add(cap);
        if (participant.Id == "heat") return ValueTask.FromResult(new ResolvedPlan(true, participant.DrawKw));
        var draw = new double[cap.Length];
        var owed = OwedKwh;
        for (var i = 0; i < cap.Length && owed > 1e-9; i++)
        {
            draw[i] = Math.Min(Math.Min(cap[i], EvMaxKw), owed / StepHours);
            owed -= draw[i] * StepHours;
        }

        return ValueTask.FromResult(owed > 1e-9 || cap[0] < mustAtStep0Kw
            ? new ResolvedPlan(false, participant.DrawKw, $"kept its last feasible plan: owes {OwedKwh} kWh, the caps hold {cap.Sum(c => Math.Min(c, EvMaxKw)) * StepHours} kWh")
            : new ResolvedPlan(true, Series(draw)));
    };

    private static IReadOnlyDictionary<string, IReadOnlyList<double>> Series(params double[] values) =>
        new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = values };
}

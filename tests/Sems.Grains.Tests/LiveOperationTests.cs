using Orleans.Core.Internal;
using Orleans.Runtime;
using Sems.Contracts;
using Sems.Contracts.History;

namespace Sems.Grains.Tests;

/// <summary>
/// Live operation on an in-process silo with a fake clock: clock-true cycles, failure isolation, interleaved limits,
/// versioned definitions, reactivation and unit commitment carried across cycles. Δt = 15 min.
/// </summary>
public sealed class LiveOperationTests(LiveCluster fixture) : IClassFixture<LiveCluster>
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task After_a_three_step_gap_the_cycle_is_the_clocks_the_gap_is_reported_missed_and_the_plan_starts_now()
    {
        var start = fixture.Clock.GetUtcNow() + Step;
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("gap");
        Assert.Empty(await coordinator.Configure(LiveDistricts.GridFed(1000, ("a", 30, 100)), start));
        await coordinator.Start();

        fixture.Clock.Advance(Step);
        await WaitForCycle(coordinator, 0);
        fixture.Clock.Advance(4 * Step); // the clock stands at step 4: cycles 1–3 could not run
        var report = await WaitForCycle(coordinator, 4);
        await coordinator.Stop();

        Assert.Equal(3, report.MissedCycles);
        Assert.Equal(start + 4 * Step, report.Start);
        var plan = await fixture.Grains.GetGrain<ISubsystemGrain>("gap/a").GetPlan();
        Assert.Equal((4, start + 4 * Step), (plan!.Cycle, plan.Start));
        var setpoint = await fixture.Grains.GetGrain<IAssetGrain>("gap/a/grid").GetSetpoint();
        Assert.Equal((4, start + 4 * Step, start + 5 * Step), (setpoint!.Cycle, setpoint.ValidFrom, setpoint.ValidUntil));

        var reports = fixture.History.Of<ReportRecord>("gap");
        Assert.Equal([1, 2, 3], reports.Where(r => r.Missed).Select(r => r.Cycle).Order());
        Assert.All(reports.Where(r => r.Missed), r => Assert.Equal(start + r.Cycle * Step, r.At));
        Assert.Equal([0, 4], reports.Where(r => !r.Missed).Select(r => r.Cycle).Order());
    }

    [Fact]
    public async Task A_throwing_a_slow_and_an_infeasible_subsystem_are_named_and_counted_while_the_others_complete()
    {
        // Peaks: thrower 50 kW, sleeper 25 kW, infeasible 5 kW (its supply's maximum, below its 20 kW demand). None has
        // planned before, so Ptot counts their peaks: 30 (ok's plan) + 50 + 25 + 5 = 110 kW at every step — not 30 kW.
        var json = LiveDistricts.GridFed(1000, ("ok", 30, 100), ("thrower", 10, 50), ("sleeper", 10, 25), ("infeasible", 20, 5));
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("faults");
        Assert.Empty(await coordinator.Configure(json, fixture.Clock.GetUtcNow()));
        fixture.Faults.Throw("faults/thrower", "the subsystem's solver crashed");
        var gate = fixture.Faults.Block("faults/sleeper");
        CoordinationCycleReport report;
        try
        {
            report = await coordinator.RunCycle();
        }
        finally
        {
            gate.Release();
            fixture.Faults.Clear("faults/thrower");
            fixture.Faults.Clear("faults/sleeper");
        }

        var outcome = report.Subsystems.ToDictionary(s => s.SubsystemId);
        Assert.Equal("planned", outcome["ok"].Outcome);
        Assert.Equal("failed", outcome["thrower"].Outcome);
        Assert.Contains("the subsystem's solver crashed", outcome["thrower"].Note);
        Assert.Equal("timedOut", outcome["sleeper"].Outcome);
        Assert.Contains("deadline", outcome["sleeper"].Note);
        Assert.Equal("noPlan", outcome["infeasible"].Outcome);
        Assert.Contains("infeasible: explanation pending", outcome["infeasible"].Note);
        Assert.Equal([110.0, 110, 110, 110], report.DrawBeforeKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal([50.0, 50, 50, 50], outcome["thrower"].CountedDrawKw["electricity"]);
        Assert.Equal([25.0, 25, 25, 25], outcome["sleeper"].CountedDrawKw["electricity"]);
        Assert.Equal([5.0, 5, 5, 5], outcome["infeasible"].CountedDrawKw["electricity"]);

        // The others' cycle completed: ok's set-point is its plan; the three failed ones keep theirs (fallback).
        var ok = await fixture.Grains.GetGrain<IAssetGrain>("faults/ok/grid").GetSetpoint();
        Assert.Equal(30.0, ok!.Values["electricity.drawKw"], 6);
        Assert.Equal(1, report.SetpointsCommitted); // from plans; the three fallbacks are recorded as such
        var setpoints = fixture.History.Of<SetpointRecord>("faults").Where(s => s.Cycle == report.Cycle).ToList();
        Assert.Equal(["infeasible:fallback", "ok:plan", "sleeper:fallback", "thrower:fallback"], setpoints.Select(s => $"{s.Subsystem}:{s.Source}").Order());

        var history = fixture.History.Of<ReportRecord>("faults").Single(r => r.Cycle == report.Cycle);
        Assert.Equal(["failed", "noPlan", "planned", "timedOut"], history.Subsystems.Select(s => s.Outcome).Order());

        // The explanation of the infeasible subsystem ran after it answered: its demand of 20 kW exceeds its 5 kW supply.
        var explained = await WaitFor(() => fixture.Grains.GetGrain<ISubsystemGrain>("faults/infeasible").GetPlan(), p => p?.Note?.Contains("pending", StringComparison.Ordinal) == false);
        Assert.Contains("power balance (eq. 18) short by 15 kW", explained!.Note);
        var result = await fixture.Grains.GetGrain<ISubsystemGrain>("faults/infeasible").GetResult();
        Assert.NotEmpty(result!.Infeasibility);
    }

    [Fact]
    public async Task SetLimit_returns_while_a_cycle_is_running_and_applies_from_the_next_cycle()
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("busy");
        Assert.Empty(await coordinator.Configure(LiveDistricts.GridFed(1000, ("a", 30, 100), ("b", 10, 50)), fixture.Clock.GetUtcNow()));
        var gate = fixture.Faults.Block("busy/b");
        Task<CoordinationCycleReport> cycle;
        try
        {
            cycle = coordinator.RunCycle();
            await gate.Entered; // b's solve is held: the cycle is running

            Assert.Empty(await coordinator.SetLimit("electricity", [500, 500, 500, 500]));
            Assert.Equal(new[] { 500.0, 500, 500, 500 }, (await coordinator.GetLimits())["electricity"]);
            Assert.False(cycle.IsCompleted, "SetLimit and GetLimits must not wait for the running cycle");
        }
        finally
        {
            gate.Release();
            fixture.Faults.Clear("busy/b");
        }

        var running = await cycle;
        Assert.Equal([1000.0, 1000, 1000, 1000], running.LimitKw["electricity"]);
        Assert.All(running.Subsystems, s => Assert.Equal("planned", s.Outcome));
        fixture.Clock.Advance(Step);
        var next = await coordinator.RunCycle();
        Assert.Equal(running.Cycle + 1, next.Cycle);
        Assert.Equal([500.0, 500, 500, 500], next.LimitKw["electricity"]);
        Assert.Contains(fixture.History.Of<LimitChangeRecord>("busy"), l => l.Resource == "electricity" && l.FromCycle == next.Cycle);
    }

    [Fact]
    public async Task Configuring_the_same_file_again_resumes_its_cycle_limits_and_plans()
    {
        var json = LiveDistricts.GridFed(1000, ("a", 30, 100));
        var start = fixture.Clock.GetUtcNow();
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("resume");
        Assert.Empty(await coordinator.Configure(json, start));
        await coordinator.RunCycle();
        Assert.Empty(await coordinator.SetLimit("electricity", [500, 500, 500, 500]));
        fixture.Clock.Advance(Step);
        Assert.Equal(1, (await coordinator.RunCycle()).Cycle);

        // As serve does on every start: the same file with a new start time.
        Assert.Empty(await coordinator.Configure(json, fixture.Clock.GetUtcNow()));
        Assert.Equal(1, (await coordinator.GetVersion())!.Number);
        Assert.Equal(new[] { 500.0, 500, 500, 500 }, (await coordinator.GetLimits())["electricity"]);
        Assert.Equal(1, (await fixture.Grains.GetGrain<ISubsystemGrain>("resume/a").GetPlan())!.Cycle);

        fixture.Clock.Advance(Step);
        var report = await coordinator.RunCycle();
        Assert.Equal((2, start + 2 * Step, 0), (report.Cycle, report.Start, report.MissedCycles));
        Assert.Equal([500.0, 500, 500, 500], report.LimitKw["electricity"]);
    }

    [Fact]
    public async Task A_changed_file_with_one_invalid_subsystem_applies_to_none_and_a_valid_one_to_all()
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("versions");
        Assert.Empty(await coordinator.Configure(LiveDistricts.GridFed(1000, ("a", 30, 100), ("b", 10, 50)), fixture.Clock.GetUtcNow()));
        var v1 = (await coordinator.GetVersion())!;

        // a changes to 40 kW, b's supply gets a negative maximum: the file is refused and nothing changes.
        var problems = await coordinator.Configure(LiveDistricts.GridFed(1000, ("a", 40, 100), ("b", 10, -5)), fixture.Clock.GetUtcNow());
        Assert.NotEmpty(problems);
        Assert.Equal(v1, await coordinator.GetVersion());
        var unchanged = await coordinator.RunCycle();
        Assert.Equal(v1.ToString(), unchanged.Version);
        Assert.Equal(30.0, unchanged.Subsystems.Single(s => s.SubsystemId == "a").DrawAfterKw["electricity"][0], 6);

        Assert.Empty(await coordinator.Configure(LiveDistricts.GridFed(1000, ("a", 40, 100), ("b", 10, 50)), fixture.Clock.GetUtcNow()));
        var v2 = (await coordinator.GetVersion())!;
        Assert.Equal(2, v2.Number);
        Assert.NotEqual(v1.Hash, v2.Hash);
        var changed = await coordinator.RunCycle();
        Assert.Equal(v2.ToString(), changed.Version);
        Assert.Equal(40.0, changed.Subsystems.Single(s => s.SubsystemId == "a").DrawAfterKw["electricity"][0], 6);
        Assert.Equal(2, (await fixture.Grains.GetGrain<ISubsystemGrain>("versions/b").GetPlan())!.Version);
    }

    [Fact]
    public async Task A_version_one_subsystem_cannot_prepare_is_applied_to_none_and_every_cycle_keeps_the_old_one()
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("atomic");
        Assert.Empty(await coordinator.Configure(LiveDistricts.GridFed(1000, ("a", 30, 100), ("b", 10, 50)), fixture.Clock.GetUtcNow()));
        var v1 = (await coordinator.GetVersion())!;

        // A valid file, but b cannot take it: a prepares version 2, the coordinator stays on version 1.
        fixture.Faults.RefuseConfigure("atomic/b", "storage unavailable");
        string[] problems;
        try
        {
            problems = await coordinator.Configure(LiveDistricts.GridFed(1000, ("a", 40, 100), ("b", 20, 50)), fixture.Clock.GetUtcNow());
        }
        finally
        {
            fixture.Faults.Clear("atomic/b");
        }

        Assert.Contains(problems, p => p.StartsWith("subsystem b:", StringComparison.Ordinal) && p.Contains("storage unavailable", StringComparison.Ordinal));
        Assert.Equal(v1, await coordinator.GetVersion());
        var report = await coordinator.RunCycle();
        Assert.Equal(v1.ToString(), report.Version);
        Assert.All(report.Subsystems, s => Assert.True(s.Outcome == "planned", $"{s.SubsystemId}: {s.Outcome} {s.Note}"));
        var draws = report.Subsystems.ToDictionary(s => s.SubsystemId, s => s.DrawAfterKw["electricity"][0]);
        Assert.Equal((30.0, 10.0), (Math.Round(draws["a"], 6), Math.Round(draws["b"], 6)));
        Assert.Equal(1, (await fixture.Grains.GetGrain<ISubsystemGrain>("atomic/a").GetPlan())!.Version);
    }

    [Fact]
    public async Task A_deactivated_coordinator_resumes_at_the_current_cycle_with_its_limits()
    {
        var start = fixture.Clock.GetUtcNow() + Step;
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("reactivate");
        Assert.Empty(await coordinator.Configure(LiveDistricts.GridFed(1000, ("a", 30, 100)), start));
        Assert.Empty(await coordinator.SetLimit("electricity", [500, 500, 500, 500]));
        await coordinator.Start();
        fixture.Clock.Advance(Step);
        await WaitForCycle(coordinator, 0);

        await coordinator.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await WaitUntilDeactivated("reactivate");
        fixture.Clock.Advance(2 * Step); // down over step 1: cycle 1 is missed

        Assert.Equal(new[] { 500.0, 500, 500, 500 }, (await coordinator.GetLimits())["electricity"]); // reactivates it
        var report = await WaitForCycle(coordinator, 2);
        await coordinator.Stop();
        Assert.Equal((start + 2 * Step, 1), (report.Start, report.MissedCycles));
        Assert.Equal([500.0, 500, 500, 500], report.LimitKw["electricity"]);
        Assert.Equal(start + 2 * Step, (await fixture.Grains.GetGrain<ISubsystemGrain>("reactivate/a").GetPlan())!.Start);
    }

    [Fact]
    public async Task Unit_commitment_state_is_carried_from_each_committed_step_into_the_next_cycle()
    {
        // Cycle 0: electricity costs 10 at step 0, so the boiler starts (0.5 per kWh heat) and must then stay on for 3
        // steps; the heat pump (0.01) is cheaper everywhere else. Carried into cycle 1 (on for 1 step) and cycle 2 (on for
        // 2 steps) it must stay on: 10 kW gas, its minimum, meets the 10 kW demand. In cycle 3 (electricity dear at step 1)
        // it is free to go off, but staying on for steps 0–1 (2·2.5·0.5 + 2·2.5·0.01 = 2.55) beats going off and
        // restarting at step 1 for 3 steps (0.025 + 3·1.25 = 3.775). Without the carry, cycle 1 would see the boiler off
        // long ago and keep it off at step 0 (heat pump 0.025 against boiler 1.25).
        var start = fixture.Clock.GetUtcNow();
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("commit");
        Assert.Empty(await coordinator.Configure(LiveDistricts.Commitment, start));
        var boiler = fixture.Grains.GetGrain<IAssetGrain>("commit/school/boiler");
        var on = new List<double>();
        var gas = new List<double>();
        for (var k = 0; k < 4; k++)
        {
            var report = await coordinator.RunCycle();
            Assert.Equal(k, report.Cycle);
            var setpoint = await boiler.GetSetpoint();
            on.Add(setpoint!.Values["on"]);
            gas.Add(Math.Round(setpoint.Values["gas.drawKw"], 6));
            fixture.Clock.Advance(Step);
        }

        Assert.Equal([1.0, 1, 1, 1], on);
        Assert.Equal([10.0, 10, 10, 10], gas);

        // Exactly one set-point record per asset per cycle, from the plan.
        var records = fixture.History.Of<SetpointRecord>("commit");
        Assert.Equal(8, records.Count);
        Assert.All(records.GroupBy(r => (r.Asset, r.Cycle)), g => Assert.Single(g));
        Assert.All(records, r => Assert.Equal("plan", r.Source));
        Assert.Equal(8, fixture.History.Of<PlanRecord>("commit").Count(p => p.Stage == "initial") * 2);
    }

    private static async Task<T> WaitFor<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var value = await read();
            if (done(value)) return value;
            await Task.Delay(50);
        }

        throw new TimeoutException("the condition did not hold within 15 s");
    }

    private async Task WaitUntilDeactivated(string key)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var statistics = await management.GetDetailedGrainStatistics();
            if (!statistics.Any(s => s.GrainId.Type.ToString()!.Contains("coordinator", StringComparison.OrdinalIgnoreCase) && s.GrainId.Key.ToString() == key)) return;
            await Task.Delay(50);
        }

        throw new TimeoutException($"coordinator {key} still active after 15 s");
    }

    private static async Task<CoordinationCycleReport> WaitForCycle(IDistrictCoordinatorGrain coordinator, int cycle)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((await coordinator.GetReports(100)).FirstOrDefault(r => r.Cycle == cycle) is { } report) return report;
            await Task.Delay(50);
        }

        throw new TimeoutException($"no report of cycle {cycle} after 15 s");
    }
}

using Sems.Contracts;
using Sems.Contracts.Limits;
using Sems.Contracts.Status;

namespace Sems.Grains.Tests;

/// <summary>
/// DSO limit versions through the grains on the worked example (Δt = 0.25 h, 4 steps from the cluster's epoch; Ptot before
/// coordination [70, 110, 110, 70] kW: heat network 20 kW through its heat pump, EV hub [50, 90, 90, 50] kW). The
/// expected limits and draws are worked out by hand from the allowance rule P̄max = max(Pmin, Plim − (Ptot − Psub)).
/// </summary>
public sealed class LimitsGrainTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private static readonly DateTimeOffset Epoch = ClusterFixture.Epoch;

    [Fact]
    public async Task A_version_sets_the_limit_of_the_next_cycle_and_the_allowance_rule_meets_it()
    {
        var (coordinator, limits) = await Configure("lim-apply");
        // 30-minute intervals [100, 95] kW from the epoch on 15-minute steps: [100, 100, 95, 95] kW.
        var result = await limits.Apply(Set(Profile(Epoch, 30, [100, 95])));
        Assert.Equal(LimitOutcomeKind.Accepted, result.Outcome);
        Assert.Equal("VALIDATED", result.Version!.State);

        var report = await coordinator.RunCycle();
        Assert.Equal([100.0, 100, 95, 95], report.LimitKw["electricity"]);
        Assert.Equal([1L, 1, 1, 1], report.LimitVersionPerStep["electricity"]);
        // Pex = [0, 10, 15, 0]; heat network allowance [100 − 50, 100 − 90, 95 − 90, 95 − 50] = [50, 10, 5, 45] → heat pump [20, 10, 5, 20].
        Assert.Equal([70.0, 100, 95, 70], report.DrawAfterKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal((10 + 15) * 0.25, report.ViolationBeforeKwh["electricity"], 9);
        Assert.Equal(0.0, report.ViolationAfterKwh["electricity"], 9);
        Assert.Equal("ACTIVE", (await limits.List(null, "electricity", false)).Single().State);
    }

    [Fact]
    public async Task A_cancelled_version_gives_way_to_its_fallback_from_the_cancel_time()
    {
        var (coordinator, limits) = await Configure("lim-cancel");
        var set = await limits.Apply(Set(Profile(Epoch, 30, [100, 95]) with { FallbackImportMaxKw = 105 }));
        var cancel = await limits.Apply(new LimitCommand(Guid.NewGuid().ToString(), "dso-b", null, set.Version!.Version, set.Version.Etag));
        Assert.Equal(LimitOutcomeKind.Accepted, cancel.Outcome);
        Assert.Equal("CANCELLED", cancel.Version!.State);

        var report = await coordinator.RunCycle();
        // Cancelled at the epoch: the fallback 105 kW applies to every step; allowance [55, 15, 15, 55] → heat pump [20, 15, 15, 20].
        Assert.Equal([105.0, 105, 105, 105], report.LimitKw["electricity"]);
        Assert.All(report.LimitFallbackPerStep["electricity"], Assert.True);
        Assert.Equal([70.0, 105, 105, 70], report.DrawAfterKw["electricity"].Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public async Task A_newer_version_supersedes_only_the_intervals_they_share()
    {
        var (coordinator, limits) = await Configure("lim-overlap");
        await limits.Apply(Set(Profile(Epoch, 30, [100, 95])));
        // v2 covers 00:30–01:30: it shares v1's second interval and reaches past it.
        var second = await limits.Apply(Set(Profile(Epoch.AddMinutes(30), 15, [90, 90, 90, 90])));
        Assert.Equal([1L], second.Version!.Overlaps);

        var report = await coordinator.RunCycle();
        Assert.Equal([100.0, 100, 90, 90], report.LimitKw["electricity"]);
        Assert.Equal([1L, 1, 2, 2], report.LimitVersionPerStep["electricity"]);
        Assert.Equal(2, (await limits.List(null, null, false)).Length);

        // v3 covers 00:00–00:30, the rest of v1: v1 is superseded (listed only when asked for), v2 is not.
        await limits.Apply(Set(Profile(Epoch, 30, [98])));
        Assert.Equal([3L, 2], (await limits.List(null, null, false)).Select(v => v.Version));
        var all = await limits.List(null, null, true);
        Assert.Equal("SUPERSEDED", all.Single(v => v.Version == 1).State);
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_applies_nothing_twice()
    {
        var (_, limits) = await Configure("lim-retry");
        var command = Set(Profile(Epoch, 30, [100, 95]));
        var first = await limits.Apply(command);
        var retry = await limits.Apply(command with { Principal = "dso-a-retrying" });
        Assert.True(retry.Replayed);
        Assert.Equal(first.Version!.Version, retry.Version!.Version);
        Assert.Single(await limits.List(null, null, true));

        var reused = await limits.Apply(command with { Profile = command.Profile! with { ImportMaxKw = [80, 80] } });
        Assert.Equal(LimitOutcomeKind.Invalid, reused.Outcome);
        Assert.Equal("request_id", reused.Violations.Single().Field);
        Assert.Single(await limits.List(null, null, true));
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_changes_nothing()
    {
        var (_, limits) = await Configure("lim-etag");
        var first = await limits.Apply(Set(Profile(Epoch, 30, [100, 95])));
        var stale = await limits.Apply(Set(Profile(Epoch, 30, [90, 90])) with { ExpectedEtag = "0000000000000000" });
        Assert.Equal(LimitOutcomeKind.EtagMismatch, stale.Outcome);
        Assert.Single(await limits.List(null, null, true));

        var current = await limits.Apply(Set(Profile(Epoch, 30, [90, 90])) with { ExpectedEtag = first.Version!.Etag });
        Assert.Equal(LimitOutcomeKind.Accepted, current.Outcome);
        Assert.Equal(2, current.Version!.Version);
    }

    [Fact]
    public async Task Every_problem_of_a_profile_is_named_and_nothing_is_stored()
    {
        var (_, limits) = await Configure("lim-invalid");
        var bad = await limits.Apply(Set(new LimitProfile("feeder-9", "heat", Epoch.AddMinutes(5), TimeSpan.FromMinutes(20), [100, double.NaN, -1], null, null, "")));
        Assert.Equal(LimitOutcomeKind.Invalid, bad.Outcome);
        var fields = bad.Violations.Select(v => v.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "node", "resource", "resolution", "start", "import_max_kw[1]", "import_max_kw[2]" }, fields);
        Assert.Empty(await limits.List(null, null, true));
        Assert.Equal("request_id", (await limits.Apply(Set(Profile(Epoch, 30, [100])) with { RequestId = "retry-1" })).Violations.Single().Field);
    }

    [Fact]
    public async Task The_status_log_numbers_limit_changes_and_cycles_and_sums_the_committed_violation()
    {
        var (coordinator, limits) = await Configure("lim-events");
        var status = fixture.Grains.GetGrain<IDistrictStatusGrain>("lim-events");
        var before = (await status.WaitEvents(0, 100, TimeSpan.Zero)).Latest;
        // A limit the plan cannot meet at step 0: 60 kW where the EV hub alone draws 50 kW and the heat network at least
        // 0 kW, so it can; 40 kW at step 0 cannot be met (EV hub 50 kW is fixed): first-step excess 10 kW → 2.5 kWh.
        await limits.Apply(Set(Profile(Epoch, 15, [40, 100, 100, 100])));
        var report = await coordinator.RunCycle();
        var page = await status.WaitEvents(before, 100, TimeSpan.Zero);
        Assert.Equal([DistrictEventKind.LimitChange, DistrictEventKind.Cycle], page.Events.Select(e => e.Kind));
        Assert.Equal([before + 1, before + 2], page.Events.Select(e => e.Sequence));
        Assert.Equal(report.ExcessAfterKw["electricity"][0] * 0.25, await status.GetViolationLast24h("electricity", Epoch.AddMinutes(15)), 9);
        Assert.Equal(10 * 0.25, await status.GetViolationLast24h("electricity", Epoch.AddMinutes(15)), 6);

        // A waiting reader wakes on the next event.
        var waiting = status.WaitEvents(page.Latest, 10, TimeSpan.FromSeconds(30));
        await limits.Apply(Set(Profile(Epoch, 15, [100])));
        var woken = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(DistrictEventKind.LimitChange, woken.Events.Single().Kind);
    }

    [Fact]
    public async Task A_limit_set_during_a_running_cycle_is_accepted_at_once_and_used_from_the_next_cycle()
    {
        var (coordinator, limits) = await Configure("lim-running");
        var gate = fixture.Faults.Block("lim-running/heat-network");
        try
        {
            var running = coordinator.RunCycle();
            await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

            // The cycle is stuck in a solve; the limits grain answers anyway (it is not the coordinator).
            var accepted = await limits.Apply(Set(Profile(Epoch, 30, [100, 95]))).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(LimitOutcomeKind.Accepted, accepted.Outcome);
            Assert.False(running.IsCompleted);

            gate.Release();
            var first = await running.WaitAsync(TimeSpan.FromSeconds(30));
            // The running cycle read its limits before the version existed: the file's 100 kW.
            Assert.Equal([100.0, 100, 100, 100], first.LimitKw["electricity"]);
        }
        finally
        {
            gate.Release();
            fixture.Faults.Clear("lim-running/heat-network");
        }

        var next = await coordinator.RunCycle();
        Assert.Equal([100.0, 100, 95, 95], next.LimitKw["electricity"]);
    }

    private async Task<(IDistrictCoordinatorGrain Coordinator, IGridLimitsGrain Limits)> Configure(string key)
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(key);
        Assert.Empty(await coordinator.Configure(Districts.Example("two-subsystems-limit.json"), Epoch));
        return (coordinator, fixture.Grains.GetGrain<IGridLimitsGrain>(key));
    }

    private static LimitProfile Profile(DateTimeOffset start, int minutes, double[] kw) =>
        new("", "electricity", start, TimeSpan.FromMinutes(minutes), kw, null, null, "feeder maintenance");

    private static LimitCommand Set(LimitProfile profile) => new(Guid.NewGuid().ToString(), "dso-a", profile, null, null);
}

using Sems.Api.V1;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>
/// sems.v1.GridConstraints through the generated .NET client on the worked example (see <see cref="Contract"/>). Every
/// expected value is worked out by hand from the allowance rule P̄max = max(Pmin, min(Pmax, Plim − (Ptot − Psub))): the
/// heat network (priority 1, Pmin 0 kW: its gas boiler can take all the heat) is tightened first, the EV hub's draw cannot move.
/// </summary>
public sealed class GridConstraintsContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Contract _c = new(fixture);

    [Fact]
    public async Task GetStatus_after_a_cycle_reports_the_coordinated_plan_against_the_limit()
    {
        var district = await _c.WorkedExample("gc-status");
        var t0 = _c.StepStart;
        await _c.Cycle(district);
        var status = await _c.Grid(_c.Token(district)).GetStatusAsync(new GetStatusRequest { District = district });

        // No resource named: the first one with a limit.
        Assert.Equal("electricity", status.Resource);
        Assert.Equal(0, status.Cycle);
        Assert.Equal(t0, status.Start.ToDateTimeOffset());
        Assert.Equal(t0, status.CycleStart.ToDateTimeOffset());
        Assert.Equal(TimeSpan.FromMinutes(15), status.Resolution.ToTimeSpan());
        Assert.Equal(0, status.LimitVersion); // the district file's limit
        Assert.False(status.FallbackActive);
        Assert.Equal([100.0, 100, 100, 100], status.LimitKw);
        Assert.Equal([70.0, 110, 110, 70], Contract.Rounded(status.PlannedImportBeforeKw));
        // Pex = [0, 10, 10, 0]: the heat network's allowance at steps 1–2 is 100 − (110 − 20) = 10 kW.
        Assert.Equal([70.0, 100, 100, 70], Contract.Rounded(status.PlannedImportKw));
        Assert.Equal([0.0, 0, 0, 0], Contract.Rounded(status.ExcessKw));
        Assert.Equal([30.0, 0, 0, 30], Contract.Rounded(status.HeadroomKw));
        // Headroom 0 kW at steps 1–2 is below 5 % of 100 kW (5 kW): kept, but at risk.
        Assert.Equal(Compliance.AtRisk, status.Compliance);
        Assert.Equal(0.0, status.ViolationLastCycleKwh, 9);
        Assert.Equal(0.0, status.ViolationLast24HKwh, 9);
        Assert.False(status.Running);
        Assert.False(status.HasMeasuredImportKw);

        Assert.Equal(["heat-network", "ev-hub"], status.Subsystems.Select(s => s.Id));
        Assert.Equal([1, 2], status.Subsystems.Select(s => s.Priority));
        var heat = status.Subsystems[0];
        Assert.Equal([20.0, 10, 10, 20], Contract.Rounded(heat.PlannedImportKw));
        Assert.Equal("tightened", heat.PlanStatus);
        // Granted Plim − (Ptot − Psub) = 100 − (Ptot − 20) on every step: [50, 10, 10, 50] kW (the subsystem's own electricity
        // bound is not below it; the heat pump's 30 kW is a supply bound inside the subsystem's model, not its Pmax).
        Assert.Equal([50.0, 10, 10, 50], Contract.Rounded(heat.GrantedMaxKw));
        var ev = status.Subsystems[1];
        Assert.Equal(Contract.EvHubKw, Contract.Rounded(ev.PlannedImportKw));
        Assert.Equal("planned", ev.PlanStatus);
        Assert.Empty(ev.GrantedMaxKw);
    }

    [Fact]
    public async Task SetLimit_without_assess_stores_a_validated_version_that_the_next_cycle_plans_with()
    {
        var district = await _c.WorkedExample("gc-set");
        var t0 = _c.StepStart;
        var grid = _c.Grid(_c.Token(district));
        var request = Contract.Limit(district, t0, 30, 100, 95);
        request.ExportMaxKw.Add([40, 40]);

        var response = await grid.SetLimitAsync(request);

        Assert.Null(response.Assessment);
        var limit = response.Limit;
        Assert.Equal(1, limit.Version);
        Assert.Equal(LimitState.Validated, limit.State);
        Assert.False(string.IsNullOrEmpty(limit.Etag));
        Assert.Equal(district, limit.District);
        Assert.Equal("electricity", limit.Resource);
        Assert.Equal([100.0, 95], limit.ImportMaxKw);
        Assert.Equal([40.0, 40], limit.ExportMaxKw);
        Assert.Equal(t0, limit.Start.ToDateTimeOffset());
        Assert.Equal(t0.AddMinutes(60), limit.End.ToDateTimeOffset()); // 2 intervals of 30 min
        Assert.Equal("dso-contract", limit.SetBy);
        Assert.Equal(request.RequestId, limit.RequestId);
        Assert.Equal("feeder maintenance", limit.Reason);
        Assert.False(limit.HasFallbackImportMaxKw);
        Assert.Empty(limit.OverlapsVersions);

        await _c.Cycle(district);
        var status = await grid.GetStatusAsync(new GetStatusRequest { District = district, Resource = "electricity" });
        // 30-minute intervals on 15-minute steps: [100, 100, 95, 95] kW; Pex = [0, 10, 15, 0]; the heat network's
        // allowance [50, 10, 5, 45] → heat pump [20, 10, 5, 20] kW.
        Assert.Equal([100.0, 100, 95, 95], status.LimitKw);
        Assert.Equal(1, status.LimitVersion);
        Assert.Equal([70.0, 100, 95, 70], Contract.Rounded(status.PlannedImportKw));
        Assert.Equal([30.0, 0, 0, 25], Contract.Rounded(status.HeadroomKw));
        Assert.Equal(LimitState.Active, (await grid.ListLimitsAsync(new ListLimitsRequest { District = district })).Limits.Single().State);
    }

    [Fact]
    public async Task SetLimit_with_assess_runs_a_cycle_and_returns_the_mean_planned_import_per_interval()
    {
        var district = await _c.WorkedExample("gc-assess");
        var t0 = _c.StepStart;
        var token = _c.Token(district);
        var districts = _c.Districts(token);
        var grid = _c.Grid(token);
        await districts.StartDistrictAsync(new StartDistrictRequest { District = district });
        try
        {
            var response = await grid.SetLimitAsync(WithAssess(Contract.Limit(district, t0, 30, 90, 95)));

            var a = response.Assessment;
            Assert.NotNull(a);
            Assert.Equal(1, response.Limit.Version);
            // The assessing cycle planned with it, and its first interval has begun.
            Assert.Equal(LimitState.Active, response.Limit.State);
            Assert.Equal(0, a.PlanCycle);
            Assert.Equal(t0, a.Start.ToDateTimeOffset());
            Assert.Equal(TimeSpan.FromMinutes(30), a.Resolution.ToTimeSpan());
            Assert.Equal([90.0, 95], a.LimitKw);
            // Steps [90, 90, 95, 95] kW: Pex = [0, 20, 15, 0]; heat network allowance [40, 0, 5, 45] → [20, 0, 5, 20] kW;
            // district [70, 90, 95, 70] kW, so the 30-minute means are (70 + 90)/2 = 80 and (95 + 70)/2 = 82.5 kW.
            Assert.Equal([80.0, 82.5], Contract.Rounded(a.PlannedImportKw));
            var status = await grid.GetStatusAsync(new GetStatusRequest { District = district, Resource = "electricity" });
            Assert.Equal([70.0, 90, 95, 70], Contract.Rounded(status.PlannedImportKw));
            var means = Enumerable.Range(0, 2).Select(j => (status.PlannedImportKw[2 * j] + status.PlannedImportKw[2 * j + 1]) / 2);
            Assert.Equal(Contract.Rounded(means), Contract.Rounded(a.PlannedImportKw));
            // The least import together: the heat network can drop to 0 kW (the boiler takes the heat), the EV hub cannot
            // move, so [50, 90, 90, 50] kW, means 70 and 70 kW.
            Assert.Equal([70.0, 70], Contract.Rounded(a.MinAchievableImportKw));
            Assert.Equal([0.0, 0], Contract.Rounded(a.ShortfallKw));
            Assert.Equal([true, true], a.IntervalCompliant);
            Assert.True(a.Compliant);
            Assert.Equal(0, a.IntervalsBeyondHorizon);
            // On the clock the plan and the version's set_at are on (SEMS time, here the fake clock), not the host's.
            Assert.Equal(fixture.Clock.GetUtcNow(), a.ComputedAt.ToDateTimeOffset());
            Assert.Equal(response.Limit.SetAt, a.ComputedAt);
            Assert.Equal(1, status.LimitVersion);
            Assert.Equal([90.0, 90, 95, 95], status.LimitKw);
        }
        finally
        {
            await districts.StopDistrictAsync(new StopDistrictRequest { District = district });
        }
    }

    [Fact]
    public async Task An_assessment_names_the_interval_the_plan_falls_short_on()
    {
        var district = await _c.WorkedExample("gc-short");
        var t0 = _c.StepStart;
        var token = _c.Token(district);
        var districts = _c.Districts(token);
        await districts.StartDistrictAsync(new StartDistrictRequest { District = district });
        try
        {
            var a = (await _c.Grid(token).SetLimitAsync(WithAssess(Contract.Limit(district, t0, 30, 60, 95)))).Assessment;

            // Steps [60, 60, 95, 95] kW. Step 0: allowance 60 − 50 = 10 → 60 kW. Step 1: allowance max(0, 60 − 90) = 0, and the
            // EV hub cannot give up any of its 90 kW → 90 kW. Interval 0: (60 + 90)/2 = 75 kW, 15 kW short; even with every
            // subsystem at its least, (50 + 90)/2 = 70 kW. Interval 1: steps 95 and 70 kW → 82.5 kW, compliant.
            Assert.Equal([75.0, 82.5], Contract.Rounded(a.PlannedImportKw));
            Assert.Equal([15.0, 0], Contract.Rounded(a.ShortfallKw));
            Assert.Equal([70.0, 70], Contract.Rounded(a.MinAchievableImportKw));
            Assert.Equal([false, true], a.IntervalCompliant);
            Assert.False(a.Compliant);
            Assert.Contains("falls short on 1 of 2 interval(s), by up to 15 kW", a.Note, StringComparison.Ordinal);
        }
        finally
        {
            await districts.StopDistrictAsync(new StopDistrictRequest { District = district });
        }
    }

    [Fact]
    public async Task ListLimits_is_newest_first_and_a_newer_version_supersedes_only_the_intervals_they_share()
    {
        var district = await _c.WorkedExample("gc-list");
        var t0 = _c.StepStart;
        var grid = _c.Grid(_c.Token(district));
        await grid.SetLimitAsync(Contract.Limit(district, t0, 30, 100, 95));
        // v2 covers t0 + 30 min … t0 + 90 min: v1's second interval and beyond.
        var v2 = (await grid.SetLimitAsync(Contract.Limit(district, t0.AddMinutes(30), 15, 90, 90, 90, 90))).Limit;
        Assert.Equal([1L], v2.OverlapsVersions);

        await _c.Cycle(district);
        var status = await grid.GetStatusAsync(new GetStatusRequest { District = district, Resource = "electricity" });
        // v1 keeps its first interval (steps 0–1), v2 takes the shared one (steps 2–3).
        Assert.Equal([100.0, 100, 90, 90], status.LimitKw);
        Assert.Equal(2, status.LimitVersion);
        Assert.Equal([2L, 1], (await List(grid, district, false)).Select(l => l.Version));

        // v3 covers t0 … t0 + 30 min, the rest of v1: v1 is now superseded on every interval, v2 on none.
        var v3 = (await grid.SetLimitAsync(Contract.Limit(district, t0, 30, 98))).Limit;
        Assert.Equal([1L], v3.OverlapsVersions);
        Assert.Equal([3L, 2], (await List(grid, district, false)).Select(l => l.Version));
        var all = await List(grid, district, true);
        Assert.Equal([3L, 2, 1], all.Select(l => l.Version));
        Assert.Equal(LimitState.Superseded, all.Single(l => l.Version == 1).State);
        Assert.NotEqual(LimitState.Superseded, all.Single(l => l.Version == 2).State);

        await _c.Cycle(district);
        status = await grid.GetStatusAsync(new GetStatusRequest { District = district, Resource = "electricity" });
        Assert.Equal([98.0, 98, 90, 90], status.LimitKw);
        Assert.Equal(3, status.LimitVersion);
    }

    [Fact]
    public async Task CancelLimit_gives_way_to_the_fallback_in_the_next_cycle()
    {
        var district = await _c.WorkedExample("gc-cancel");
        var t0 = _c.StepStart;
        var grid = _c.Grid(_c.Token(district));
        var set = Contract.Limit(district, t0, 30, 100, 95);
        set.FallbackImportMaxKw = 105;
        var v1 = (await grid.SetLimitAsync(set)).Limit;
        await _c.Cycle(district);
        var before = await grid.GetStatusAsync(new GetStatusRequest { District = district, Resource = "electricity" });
        Assert.Equal([100.0, 100, 95, 95], before.LimitKw);
        Assert.False(before.FallbackActive);

        var cancelled = await grid.CancelLimitAsync(new CancelLimitRequest
        {
            District = district, Version = v1.Version, RequestId = Guid.NewGuid().ToString(), ExpectedEtag = v1.Etag, Reason = "maintenance done",
        });

        Assert.Equal(LimitState.Cancelled, cancelled.State);
        Assert.Equal("dso-contract", cancelled.CancelledBy);
        Assert.Equal(fixture.Clock.GetUtcNow(), cancelled.CancelledAt.ToDateTimeOffset());
        Assert.NotEqual(v1.Etag, cancelled.Etag);
        // The status still shows the cycle that ran before the cancel …
        Assert.Equal([100.0, 100, 95, 95], (await grid.GetStatusAsync(new GetStatusRequest { District = district })).LimitKw);

        await _c.Cycle(district);
        var after = await grid.GetStatusAsync(new GetStatusRequest { District = district, Resource = "electricity" });
        // … the next one plans with the fallback 105 kW on every step: allowance [55, 15, 15, 55] → heat pump [20, 15, 15, 20] kW.
        Assert.Equal([105.0, 105, 105, 105], after.LimitKw);
        Assert.True(after.FallbackActive);
        Assert.Equal(1, after.LimitVersion);
        Assert.Equal([70.0, 105, 105, 70], Contract.Rounded(after.PlannedImportKw));
    }

    [Fact]
    public async Task GetFlexibility_gives_every_subsystem_per_step_and_totals_that_are_their_sums()
    {
        var district = await _c.WorkedExample("gc-flex");
        await _c.Cycle(district);
        var grid = _c.Grid(_c.Token(district));

        var flex = await grid.GetFlexibilityAsync(new GetFlexibilityRequest { District = district });

        Assert.Equal("electricity", flex.Resource);
        Assert.Equal(0, flex.Cycle);
        Assert.Equal("GBP", flex.Currency);
        Assert.Equal(_c.StepStart, flex.Start.ToDateTimeOffset());
        Assert.Equal(TimeSpan.FromMinutes(15), flex.Resolution.ToTimeSpan());
        Assert.Equal(["heat-network", "ev-hub"], flex.Subsystems.Select(s => s.Id));
        foreach (var s in flex.Subsystems)
        {
            Assert.Equal(4, s.PlannedImportKw.Count);
            Assert.Equal(4, s.DownKw.Count);
            Assert.Equal(4, s.UpKw.Count);
            Assert.Equal(4, s.MarginalCostDownPerKwh.Count);
            Assert.Equal(4, s.MarginalCostUpPerKwh.Count);
            Assert.False(string.IsNullOrEmpty(s.Method));
            Assert.All(s.DownKw, d => Assert.InRange(d, 0, double.MaxValue));
            Assert.All(s.UpKw, u => Assert.InRange(u, 0, double.MaxValue));
        }

        // The plans moved from are the coordinated ones: heat network [20, 10, 10, 20] kW, EV hub [50, 90, 90, 50] kW.
        Assert.Equal([20.0, 10, 10, 20], Contract.Rounded(flex.Subsystems[0].PlannedImportKw));
        Assert.Equal(Contract.EvHubKw, Contract.Rounded(flex.Subsystems[1].PlannedImportKw));
        // The heat network can drop to 0 kW (the boiler covers the heat); the EV hub's chargers cannot move.
        Assert.Equal([20.0, 10, 10, 20], Contract.Rounded(flex.Subsystems[0].DownKw));
        Assert.Equal([0.0, 0, 0, 0], Contract.Rounded(flex.Subsystems[1].DownKw));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(flex.Subsystems.Sum(s => s.DownKw[i]), flex.TotalDownKw[i], 9);
            Assert.Equal(flex.Subsystems.Sum(s => s.UpKw[i]), flex.TotalUpKw[i], 9);
        }

        Assert.Equal([20.0, 10, 10, 20], Contract.Rounded(flex.TotalDownKw));
    }

    private static SetLimitRequest WithAssess(SetLimitRequest request)
    {
        request.Assess = true;
        return request;
    }

    private static async Task<IReadOnlyList<LimitVersion>> List(GridConstraints.GridConstraintsClient grid, string district, bool includeSuperseded) =>
        (await grid.ListLimitsAsync(new ListLimitsRequest { District = district, IncludeSuperseded = includeSuperseded })).Limits;
}

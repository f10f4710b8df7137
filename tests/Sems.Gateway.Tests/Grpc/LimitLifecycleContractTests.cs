using Grpc.Core;
using Sems.Api.V1;
using Sems.Contracts.History;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>
/// A limit version's life over gRPC: a retry by request id answers the first answer and applies (and audits) once, an
/// etag guards against a lost update, and when a profile runs out its fallback (else the district file's limit) applies
/// from the next cycle on. The fake clock moves here: each test loads its district at the current step.
/// </summary>
public sealed class LimitLifecycleContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Contract _c = new(fixture);

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_first_answer_with_one_version_and_one_audit_entry()
    {
        var district = await _c.WorkedExample("life-retry");
        var t0 = _c.StepStart;
        var request = Contract.Limit(district, t0, 30, 100, 95);

        var first = await _c.Grid(_c.Token(district)).SetLimitAsync(request);
        // The retry comes over another connection, as a client's would after a lost answer.
        var retry = await _c.Grid(_c.Token(district)).SetLimitAsync(request);

        Assert.Equal(first.Limit.Version, retry.Limit.Version);
        Assert.Equal(first.Limit.Etag, retry.Limit.Etag);
        Assert.Equal(first.Limit.SetAt, retry.Limit.SetAt);
        Assert.Equal(first.Limit.ImportMaxKw, retry.Limit.ImportMaxKw);
        var grid = _c.Grid(_c.Token(district));
        Assert.Single((await grid.ListLimitsAsync(new ListLimitsRequest { District = district, IncludeSuperseded = true })).Limits);
        var audit = await Audit(district);
        var set = Assert.Single(audit, a => a.Action == AuditActions.LimitSet);
        Assert.Equal(request.RequestId, set.RequestId);
        Assert.Equal(first.Limit.Version, set.Version);
        Assert.Equal("dso-contract", set.Principal);

        // A cancel retried likewise: one cancellation, one audit entry.
        var cancel = new CancelLimitRequest { District = district, Version = first.Limit.Version, RequestId = Guid.NewGuid().ToString(), Reason = "restored" };
        var cancelled = await grid.CancelLimitAsync(cancel);
        var again = await grid.CancelLimitAsync(cancel);
        Assert.Equal(cancelled.Etag, again.Etag);
        Assert.Equal(cancelled.CancelledAt, again.CancelledAt);
        Assert.Equal(LimitState.Cancelled, again.State);
        Assert.Single(await Audit(district), a => a.Action == AuditActions.LimitCancel);
    }

    [Fact]
    public async Task An_etag_lets_one_of_two_writers_win_and_refuses_the_other()
    {
        var district = await _c.WorkedExample("life-etag");
        var t0 = _c.StepStart;
        var grid = _c.Grid(_c.Token(district));
        var v1 = (await grid.SetLimitAsync(Contract.Limit(district, t0, 30, 100, 95))).Limit;

        // Both writers read v1; the first replaces it, the second still expects v1's etag.
        var winner = Contract.Limit(district, t0, 30, 90, 90);
        winner.ExpectedEtag = v1.Etag;
        var loser = Contract.Limit(district, t0, 30, 80, 80);
        loser.ExpectedEtag = v1.Etag;
        var v2 = (await grid.SetLimitAsync(winner)).Limit;
        var e = await Contract.Refused(() => grid.SetLimitAsync(loser).ResponseAsync);

        Assert.Equal(2, v2.Version);
        Assert.Equal(["expected_etag"], Contract.Fields(e, StatusCode.Aborted));
        var all = (await grid.ListLimitsAsync(new ListLimitsRequest { District = district, IncludeSuperseded = true })).Limits;
        Assert.Equal([2L, 1], all.Select(l => l.Version));
        Assert.Equal([90.0, 90], all[0].ImportMaxKw);
        // v2 shares every interval of v1: v1 is superseded.
        Assert.Equal(LimitState.Superseded, all[1].State);
        Assert.Equal([2L], (await grid.ListLimitsAsync(new ListLimitsRequest { District = district })).Limits.Select(l => l.Version));
        Assert.Equal(2, (await Audit(district)).Count(a => a.Action == AuditActions.LimitSet));

        // With v2's etag the second writer gets through.
        loser.ExpectedEtag = v2.Etag;
        loser.RequestId = Guid.NewGuid().ToString();
        Assert.Equal(3, (await grid.SetLimitAsync(loser)).Limit.Version);
    }

    [Fact]
    public async Task When_the_profile_runs_out_its_fallback_applies_and_without_one_the_district_files_limit()
    {
        var withFallback = await _c.WorkedExample("life-fallback");
        var without = await _c.WorkedExample("life-no-fallback");
        var t0 = _c.StepStart;
        var grid = _c.Grid(_c.Token(withFallback, without));
        var request = Contract.Limit(withFallback, t0, 15, 90);
        request.FallbackImportMaxKw = 95;
        await grid.SetLimitAsync(request);
        await grid.SetLimitAsync(Contract.Limit(without, t0, 15, 90));

        await _c.Cycle(withFallback);
        await _c.Cycle(without);
        var first = await Status(grid, withFallback);
        // Cycle 0: the profile's one step of 90 kW, then the fallback 95 kW.
        Assert.Equal([90.0, 95, 95, 95], first.LimitKw);
        Assert.True(first.FallbackActive);
        Assert.Equal([90.0, 100, 100, 100], (await Status(grid, without)).LimitKw);

        // Past the profile's end (t0 + 15 min): cycle 1 plans from there.
        _c.Advance(1);
        await _c.Cycle(withFallback);
        await _c.Cycle(without);

        var after = await Status(grid, withFallback);
        Assert.Equal(1, after.Cycle);
        Assert.Equal(t0.AddMinutes(15), after.Start.ToDateTimeOffset());
        Assert.Equal([95.0, 95, 95, 95], after.LimitKw);
        Assert.True(after.FallbackActive);
        Assert.Equal(1, after.LimitVersion);
        // The chargers' series moves on a step: [90, 90, 50, 50] kW; Ptot before [110, 110, 70, 70] kW; the heat network's
        // allowance 95 − 90 = 5 kW at steps 0–1 → [95, 95, 70, 70] kW.
        Assert.Equal([110.0, 110, 70, 70], Contract.Rounded(after.PlannedImportBeforeKw));
        Assert.Equal([95.0, 95, 70, 70], Contract.Rounded(after.PlannedImportKw));
        Assert.Equal(LimitState.Completed, (await grid.ListLimitsAsync(new ListLimitsRequest { District = withFallback })).Limits.Single().State);

        var plain = await Status(grid, without);
        Assert.Equal([100.0, 100, 100, 100], plain.LimitKw);
        Assert.False(plain.FallbackActive);
        Assert.Equal(0, plain.LimitVersion);
        Assert.Equal([100.0, 100, 70, 70], Contract.Rounded(plain.PlannedImportKw));
    }

    private static Task<GridStatus> Status(GridConstraints.GridConstraintsClient grid, string district) =>
        grid.GetStatusAsync(new GetStatusRequest { District = district, Resource = "electricity" }).ResponseAsync;

    private async Task<IReadOnlyList<AuditRecord>> Audit(string district) =>
        [.. (await fixture.History.ReadAsync(district, HistoryKind.Audit, null, null, 1000, CancellationToken.None)).Cast<AuditRecord>()];
}

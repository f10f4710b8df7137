using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sems.Api.V1;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>
/// The contract's error model through the generated client: INVALID_ARGUMENT with a google.rpc.BadRequest naming every
/// field (read with Grpc.StatusProto), ABORTED on expected_etag, NOT_FOUND, FAILED_PRECONDITION; after each refusal the
/// limit versions and the district definition are exactly as before (nothing half-applied).
/// </summary>
public sealed class ErrorModelContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Contract _c = new(fixture);

    [Fact]
    public async Task Invalid_limit_requests_name_every_field_and_change_nothing()
    {
        var district = await _c.WorkedExample("err-invalid");
        var t0 = _c.StepStart;
        var grid = _c.Grid(_c.Token(district));
        var accepted = await grid.SetLimitAsync(Contract.Limit(district, t0, 30, 100, 95));
        var before = await Snapshot(grid, district);

        // 20 min is not a whole number of 15-minute steps; −1 kW is not in [0, 1e7] kW.
        var shape = Contract.Limit(district, t0, 20, 100, 95, 90, -1);
        var e = await Contract.Refused(() => grid.SetLimitAsync(shape).ResponseAsync);
        Assert.Equal(["import_max_kw[3]", "resolution"], Contract.Fields(e, StatusCode.InvalidArgument).Order(StringComparer.Ordinal));
        var bad = Contract.BadRequestOf(e, StatusCode.InvalidArgument);
        Assert.Contains("-1", bad.FieldViolations.Single(v => v.Field == "import_max_kw[3]").Description, StringComparison.Ordinal);
        Assert.Contains("20 min", bad.FieldViolations.Single(v => v.Field == "resolution").Description, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot(grid, district));

        // NaN and a negative value each at their index; a node that is not the district's root.
        var values = Contract.Limit(district, t0, 15, 100, double.NaN, 90);
        values.Node = "feeder-7";
        e = await Contract.Refused(() => grid.SetLimitAsync(values).ResponseAsync);
        Assert.Equal(["import_max_kw[1]", "node"], Contract.Fields(e, StatusCode.InvalidArgument).Order(StringComparer.Ordinal));
        Assert.Equal(before, await Snapshot(grid, district));

        // One export limit for two intervals.
        var export = Contract.Limit(district, t0, 30, 90, 90);
        export.ExportMaxKw.Add(40);
        e = await Contract.Refused(() => grid.SetLimitAsync(export).ResponseAsync);
        Assert.Equal(["export_max_kw"], Contract.Fields(e, StatusCode.InvalidArgument));
        Assert.Equal(before, await Snapshot(grid, district));

        // Neither start nor resolution given.
        var empty = new SetLimitRequest { District = district, Resource = "electricity", RequestId = Guid.NewGuid().ToString() };
        empty.ImportMaxKw.Add(100);
        e = await Contract.Refused(() => grid.SetLimitAsync(empty).ResponseAsync);
        Assert.Equal(["resolution", "start"], Contract.Fields(e, StatusCode.InvalidArgument).Order(StringComparer.Ordinal));
        Assert.Equal(before, await Snapshot(grid, district));

        // A request id that is not a UUID, and one already used for a different request.
        var notUuid = Contract.Limit(district, t0, 30, 90, 90);
        notUuid.RequestId = "retry-1";
        e = await Contract.Refused(() => grid.SetLimitAsync(notUuid).ResponseAsync);
        Assert.Equal(["request_id"], Contract.Fields(e, StatusCode.InvalidArgument));
        Assert.Contains("retry-1", e.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Description, StringComparison.Ordinal);
        var reused = Contract.Limit(district, t0, 30, 80, 80);
        reused.RequestId = accepted.Limit.RequestId;
        e = await Contract.Refused(() => grid.SetLimitAsync(reused).ResponseAsync);
        Assert.Equal(["request_id"], Contract.Fields(e, StatusCode.InvalidArgument));
        Assert.Equal(before, await Snapshot(grid, district));

        // A status of a resource the district does not draw, and of a node that is not a connection point of the district.
        e = await Contract.Refused(() => grid.GetStatusAsync(new GetStatusRequest { District = district, Resource = "hydrogen" }).ResponseAsync);
        Assert.Equal(["resource"], Contract.Fields(e, StatusCode.InvalidArgument));
        e = await Contract.Refused(() => grid.GetStatusAsync(new GetStatusRequest { District = district, Node = "feeder-7" }).ResponseAsync);
        Assert.Equal(["node"], Contract.Fields(e, StatusCode.InvalidArgument));
        e = await Contract.Refused(() => grid.ListLimitsAsync(new ListLimitsRequest { District = district, Node = "feeder-7" }).ResponseAsync);
        Assert.Equal(["node"], Contract.Fields(e, StatusCode.InvalidArgument));
    }

    [Fact]
    public async Task An_expected_etag_that_does_not_match_is_aborted_on_the_expected_etag_field()
    {
        var district = await _c.WorkedExample("err-etag");
        var t0 = _c.StepStart;
        var grid = _c.Grid(_c.Token(district));
        var v1 = (await grid.SetLimitAsync(Contract.Limit(district, t0, 30, 100, 95))).Limit;
        var before = await Snapshot(grid, district);

        var stale = Contract.Limit(district, t0, 30, 90, 90);
        stale.ExpectedEtag = "0000000000000000";
        var e = await Contract.Refused(() => grid.SetLimitAsync(stale).ResponseAsync);
        Assert.Equal(["expected_etag"], Contract.Fields(e, StatusCode.Aborted));
        Assert.Equal(before, await Snapshot(grid, district));

        var cancel = new CancelLimitRequest { District = district, Version = v1.Version, RequestId = Guid.NewGuid().ToString(), ExpectedEtag = "0000000000000000" };
        e = await Contract.Refused(() => grid.CancelLimitAsync(cancel).ResponseAsync);
        Assert.Equal(["expected_etag"], Contract.Fields(e, StatusCode.Aborted));
        Assert.Equal(before, await Snapshot(grid, district));
        Assert.Equal(LimitState.Validated, (await grid.ListLimitsAsync(new ListLimitsRequest { District = district })).Limits.Single().State);
    }

    [Fact]
    public async Task Unknown_districts_and_versions_are_not_found_and_a_district_without_a_cycle_has_no_status_yet()
    {
        var district = await _c.WorkedExample("err-found");
        var t0 = _c.StepStart;
        var grid = _c.Grid(_c.Token());

        var e = await Contract.Refused(() => grid.GetStatusAsync(new GetStatusRequest { District = "no-such-district" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains("no-such-district", e.Status.Detail, StringComparison.Ordinal);
        e = await Contract.Refused(() => grid.SetLimitAsync(Contract.Limit("no-such-district", t0, 30, 100)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        e = await Contract.Refused(() => _c.Districts(_c.Token()).GetDistrictAsync(new GetDistrictRequest { District = "no-such-district" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);

        var before = await Snapshot(grid, district);
        e = await Contract.Refused(() => grid.CancelLimitAsync(new CancelLimitRequest { District = district, Version = 99, RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Contains("99", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot(grid, district));

        // Configured, never run: FAILED_PRECONDITION, saying how to get a status.
        e = await Contract.Refused(() => grid.GetStatusAsync(new GetStatusRequest { District = district }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("StartDistrict", e.Status.Detail, StringComparison.Ordinal);

        // An empty district name is a field problem, not an unknown district.
        e = await Contract.Refused(() => grid.GetStatusAsync(new GetStatusRequest { District = "" }).ResponseAsync);
        Assert.Equal(["district"], Contract.Fields(e, StatusCode.InvalidArgument));
    }

    [Fact]
    public async Task A_cancelled_version_cannot_be_cancelled_again_and_a_rejected_put_leaves_the_definition()
    {
        var district = await _c.WorkedExample("err-twice");
        var t0 = _c.StepStart;
        var token = _c.Token(district);
        var grid = _c.Grid(token);
        var v1 = (await grid.SetLimitAsync(Contract.Limit(district, t0, 30, 100, 95))).Limit;
        await grid.CancelLimitAsync(new CancelLimitRequest { District = district, Version = v1.Version, RequestId = Guid.NewGuid().ToString() });
        var before = await Snapshot(grid, district);

        var e = await Contract.Refused(() => grid.CancelLimitAsync(new CancelLimitRequest { District = district, Version = v1.Version, RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Equal(["version"], Contract.Fields(e, StatusCode.InvalidArgument));
        Assert.Equal(before, await Snapshot(grid, district));

        var districts = _c.Districts(token);
        var definition = await districts.GetDistrictAsync(new GetDistrictRequest { District = district });
        var broken = Contract.WorkedExampleJson(district, file => file["horizonSteps"] = 0);
        e = await Contract.Refused(() => districts.PutDistrictAsync(new PutDistrictRequest { DistrictJson = broken, Start = Timestamp.FromDateTimeOffset(t0) }).ResponseAsync);
        Assert.All(Contract.Fields(e, StatusCode.InvalidArgument), f => Assert.StartsWith("district_json.", f, StringComparison.Ordinal));
        Assert.Contains("district_json.horizonSteps", Contract.Fields(e, StatusCode.InvalidArgument));
        var after = await districts.GetDistrictAsync(new GetDistrictRequest { District = district });
        Assert.Equal((definition.Version, definition.Etag, definition.ContentHash), (after.Version, after.Etag, after.ContentHash));
    }

    /// <summary>Every limit version of the district as (version, etag, state), superseded ones included.</summary>
    private static async Task<string> Snapshot(GridConstraints.GridConstraintsClient grid, string district) =>
        string.Join(";", (await grid.ListLimitsAsync(new ListLimitsRequest { District = district, IncludeSuperseded = true })).Limits
            .Select(l => $"{l.Version}/{l.Etag}/{l.State}/{string.Join(",", l.ImportMaxKw)}"));
}

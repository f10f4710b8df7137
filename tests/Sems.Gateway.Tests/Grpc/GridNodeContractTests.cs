using Grpc.Core;
using Sems.Api.V1;
using Sems.Contracts;
using Sems.Contracts.Definitions;
using Sems.Engine.Districts;
using Sems.Grains;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>
/// GridConstraints on a district with a grid: the worked example with the heat network on feeder-a, the EV hub
/// ([50, 90, 90, 50] kW) on feeder-b and 100 kW at the substation root. Expected draws are worked out by hand from the
/// allowance rule, feeders before the root, and checked against the sum of the subsystems' own outcomes.
/// </summary>
public sealed class GridNodeContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Contract _c = new(fixture);

    [Fact]
    public async Task A_limit_set_on_a_feeder_is_used_by_the_next_cycle_and_the_feeders_status_is_its_subtrees_draw()
    {
        const string district = "gn-feeders";
        await Configure(district);
        var t0 = _c.StepStart;
        var grid = _c.Grid(_c.Token(district));
        var request = Contract.Limit(district, t0, 15, 12, 12, 12, 12);
        request.Node = "feeder-a";
        var set = await grid.SetLimitAsync(request);
        Assert.Equal("feeder-a", set.Limit.Node);

        var report = await _c.Cycle(district);
        var status = await grid.GetStatusAsync(new GetStatusRequest { District = district, Node = "feeder-a", Resource = "electricity" });

        Assert.Equal("feeder-a", status.Node);
        Assert.Equal(set.Limit.Version, status.LimitVersion); // the feeder's limit came from the version
        Assert.Equal([12.0, 12, 12, 12], status.LimitKw);
        // The feeder's draw is the sum over its subsystems' outcomes (here the heat network alone).
        var feederSubsystems = report.Subsystems.Where(s => s.SubsystemId == "heat-network").ToList();
        var sum = new double[4];
        foreach (var s in feederSubsystems) for (var i = 0; i < 4; i++) sum[i] += s.CountedDrawKw["electricity"][i];
        Assert.Equal(Contract.Rounded(sum), Contract.Rounded(status.PlannedImportKw));
        // 12 kW on the feeder, then the root's Ptot [62, 102, 102, 62] leaves the heat network 100 − 90 = 10 kW at steps 1–2.
        Assert.Equal([12.0, 10, 10, 12], Contract.Rounded(status.PlannedImportKw));
        Assert.Equal([20.0, 20, 20, 20], Contract.Rounded(status.PlannedImportBeforeKw));
        Assert.Equal([0.0, 2, 2, 0], Contract.Rounded(status.HeadroomKw));
        Assert.Equal(["heat-network"], status.Subsystems.Select(s => s.Id));
        Assert.Equal(Compliance.AtRisk, status.Compliance); // 0 kW headroom at steps 0 and 3

        var root = await grid.GetStatusAsync(new GetStatusRequest { District = district });
        var both = report.Subsystems.Select(s => s.CountedDrawKw["electricity"]).Aggregate(new double[4], (a, d) => a.Zip(d, (x, y) => x + y).ToArray());
        Assert.Equal(Contract.Rounded(both), Contract.Rounded(root.PlannedImportKw));
        Assert.Equal([62.0, 100, 100, 62], Contract.Rounded(root.PlannedImportKw));
        Assert.Equal(2, root.Subsystems.Count);
        Assert.Equal(0, root.LimitVersion); // the substation's 100 kW is the file's
        // The root by its grid id is the root too.
        var byId = await grid.GetStatusAsync(new GetStatusRequest { District = district, Node = "substation" });
        Assert.Equal(root.PlannedImportKw, byId.PlannedImportKw);

        var listed = await grid.ListLimitsAsync(new ListLimitsRequest { District = district, Node = "feeder-a" });
        Assert.Equal(set.Limit.Version, Assert.Single(listed.Limits).Version);
        Assert.Empty((await grid.ListLimitsAsync(new ListLimitsRequest { District = district, Node = "feeder-b" })).Limits);
        var flex = await grid.GetFlexibilityAsync(new GetFlexibilityRequest { District = district, Node = "feeder-b", Resource = "electricity" });
        Assert.Equal(["ev-hub"], flex.Subsystems.Select(s => s.Id));
    }

    [Fact]
    public async Task A_district_file_with_a_grid_put_through_the_API_reports_each_feeders_limit()
    {
        var file = System.Text.Json.Nodes.JsonNode.Parse(GatewayFixture.Example("two-feeders.json"))!.AsObject();
        file["name"] = "gn-put";
        file.Remove("start");
        var token = _c.Token("gn-put");
        await _c.Districts(token).PutDistrictAsync(new PutDistrictRequest { DistrictJson = file.ToJsonString(), Start = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(_c.StepStart) });
        var report = await _c.Cycle("gn-put");
        var status = await _c.Grid(token).GetStatusAsync(new GetStatusRequest { District = "gn-put", Node = "feeder-a" });
        // No resource named: the feeder's own limited resource, its file limit of 60 kW.
        Assert.Equal("electricity", status.Resource);
        Assert.Equal([60.0, 60, 60, 60], status.LimitKw);
        var sum = new double[4];
        foreach (var s in report.Subsystems.Where(s => s.SubsystemId is "heat-network" or "ev-hub")) for (var i = 0; i < 4; i++) sum[i] += s.CountedDrawKw["electricity"][i];
        Assert.Equal(Contract.Rounded(sum), Contract.Rounded(status.PlannedImportKw));
        Assert.All(status.PlannedImportKw, v => Assert.True(v <= 60 + 1e-6));
        Assert.Equal(["heat-network", "ev-hub"], status.Subsystems.Select(s => s.Id));
    }

    [Fact]
    public async Task WatchStatus_on_a_feeder_streams_the_feeders_status_after_each_cycle()
    {
        const string district = "gn-watch";
        await Configure(district);
        await _c.Cycle(district);
        var grid = _c.Grid(_c.Token(district));
        using var stop = new CancellationTokenSource();
        using var watch = grid.WatchStatus(new WatchStatusRequest { District = district, Node = "feeder-b", Resource = "electricity" }, cancellationToken: stop.Token);
        var snapshot = await Next(watch.ResponseStream);
        Assert.Equal(StatusEventKind.Snapshot, snapshot.Kind);
        Assert.Equal("feeder-b", snapshot.Status.Node);
        // feeder-b holds the EV hub alone, and sets no limit of its own.
        Assert.Equal(Contract.EvHubKw, Contract.Rounded(snapshot.Status.PlannedImportKw));
        Assert.Empty(snapshot.Status.LimitKw);
        Assert.Equal(["ev-hub"], snapshot.Status.Subsystems.Select(s => s.Id));

        var report = await _c.Cycle(district);
        var cycle = await Next(watch.ResponseStream);
        Assert.Equal(StatusEventKind.Cycle, cycle.Kind);
        Assert.Equal(Contract.Rounded(report.Subsystems.Single(s => s.SubsystemId == "ev-hub").CountedDrawKw["electricity"]), Contract.Rounded(cycle.Status.PlannedImportKw));
        await stop.CancelAsync();
    }

    [Fact]
    public async Task An_unknown_node_is_INVALID_ARGUMENT_naming_the_field_and_the_value()
    {
        const string district = "gn-unknown";
        await Configure(district);
        await _c.Cycle(district);
        var grid = _c.Grid(_c.Token(district));
        var e = await Contract.Refused(() => grid.GetStatusAsync(new GetStatusRequest { District = district, Node = "feeder-z" }).ResponseAsync);
        var violation = Assert.Single(Contract.BadRequestOf(e, StatusCode.InvalidArgument).FieldViolations);
        Assert.Equal("node", violation.Field);
        Assert.Contains("feeder-z", violation.Description, StringComparison.Ordinal);
        Assert.Contains("feeder-a", violation.Description, StringComparison.Ordinal);
        e = await Contract.Refused(() => grid.ListLimitsAsync(new ListLimitsRequest { District = district, Node = "feeder-z" }).ResponseAsync);
        Assert.Equal(["node"], Contract.Fields(e, StatusCode.InvalidArgument));
        var request = Contract.Limit(district, _c.StepStart, 15, 12);
        request.Node = "feeder-z";
        e = await Contract.Refused(() => grid.SetLimitAsync(request).ResponseAsync);
        Assert.Equal(["node"], Contract.Fields(e, StatusCode.InvalidArgument));
    }

    private static async Task<StatusEvent> Next(IAsyncStreamReader<StatusEvent> stream)
    {
        // A guard against a hang, not a timing assertion.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.True(await stream.MoveNext(guard.Token), "the status stream ended");
            if (stream.Current.Kind != StatusEventKind.Heartbeat) return stream.Current;
        }
    }

    private async Task Configure(string district)
    {
        var json = Contract.WorkedExampleJson(district);
        var read = DistrictReader.Read(json);
        Assert.True(read.IsValid);
        var flat = DistrictDefinitions.FromDistrict(read.District!, DistrictDefinitions.ContentHash(json));
        var none = new Dictionary<string, double[]>();
        var definition = flat with
        {
            LimitsKw = none,
            Grid =
            [
                new GridNodeDefinition("substation", null, new Dictionary<string, double[]> { ["electricity"] = [100, 100, 100, 100] }, none),
                new GridNodeDefinition("feeder-a", "substation", none, none),
                new GridNodeDefinition("feeder-b", "substation", none, none),
            ],
            Subsystems = [flat.Subsystems[0] with { Node = "feeder-a" }, flat.Subsystems[1] with { Node = "feeder-b" }],
        };
        Assert.Empty(await fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district).Configure(definition, _c.StepStart));
    }
}

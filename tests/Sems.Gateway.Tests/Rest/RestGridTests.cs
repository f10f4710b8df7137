using System.Net;
using Sems.Api.V1;
using Sems.Contracts;

namespace Sems.Gateway.Tests.Rest;

/// <summary>
/// The GridConstraints and Telemetry mirrors on the worked example (4 steps of 15 min from the epoch, limit 100 kW;
/// before coordination the heat network draws 20 kW through its heat pump and the EV hub [50, 90, 90, 50] kW, so
/// Ptot = [70, 110, 110, 70] kW). Expected values are worked out by hand from the allowance rule
/// P̄max = max(Pmin, Plim − (Ptot − Psub)) for the heat network, which is tightened first.
/// </summary>
[Collection(RestCollection.Name)]
public sealed class RestGridTests(GatewayFixture fixture)
{
    private const string Epoch = "2022-11-01T00:00:00Z";

    [Fact]
    public async Task Status_after_a_cycle_is_the_coordinated_plan_in_the_protobuf_json_mapping()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "rest-status");
        await fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district).RunCycle();
        var client = fixture.Http(fixture.Token("dso-a", ["status.read"], [district]));

        var answer = await client.GetAnswer($"/api/v1/districts/{district}/status?resource=electricity");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var status = answer.Message<GridStatus>();
        // Pex = [0, 10, 10, 0] kW: the heat network's allowance at steps 1–2 is 100 − 90 = 10 kW, so Ptot = [70, 100, 100, 70] kW.
        Assert.Equal([70.0, 100, 100, 70], status.PlannedImportKw.Select(v => Math.Round(v, 6)));
        Assert.Equal([100.0, 100, 100, 100], status.LimitKw);
        Assert.Equal([70.0, 110, 110, 70], status.PlannedImportBeforeKw.Select(v => Math.Round(v, 6)));
        // headroom [30, 0, 0, 30] kW: below 5 % of the limit at steps 1–2, so the plan is at risk
        Assert.Equal(Compliance.AtRisk, status.Compliance);
        var json = answer.Json;
        Assert.Equal("AT_RISK", json.GetProperty("compliance").GetString());
        Assert.Equal(Epoch, json.GetProperty("cycleStart").GetString());
        Assert.Equal("900s", json.GetProperty("resolution").GetString());
        Assert.Equal(4, json.GetProperty("plannedImportKw").GetArrayLength());
    }

    [Fact]
    public async Task A_posted_limit_is_listed_as_validated_then_active_after_a_cycle()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "rest-limits");
        var client = fixture.Http(fixture.Token("dso-b", ["status.read", "limits.write"], [district]));
        var body = $$"""
            { "resource": "electricity", "start": "{{Epoch}}", "resolution": "1800s", "importMaxKw": [100, 95],
              "reason": "evening peak", "requestId": "{{Guid.NewGuid()}}" }
            """;

        var set = await client.PostJson($"/api/v1/districts/{district}/limits", body);
        Assert.Equal(HttpStatusCode.OK, set.Status);
        var limit = set.Message<SetLimitResponse>().Limit;
        Assert.Equal(1, limit.Version);
        Assert.Equal(LimitState.Validated, limit.State);
        Assert.Equal("dso-b", limit.SetBy);
        Assert.Equal(district, limit.District);
        Assert.Equal("VALIDATED", set.Json.GetProperty("limit").GetProperty("state").GetString());

        var listed = (await client.GetAnswer($"/api/v1/districts/{district}/limits")).Message<ListLimitsResponse>();
        Assert.Equal(LimitState.Validated, Assert.Single(listed.Limits).State);

        await fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district).RunCycle();
        var after = (await client.GetAnswer($"/api/v1/districts/{district}/limits?resource=electricity")).Message<ListLimitsResponse>();
        Assert.Equal(LimitState.Active, Assert.Single(after.Limits).State);

        // 30-min intervals [100, 95] kW on 15-min steps: [100, 100, 95, 95] kW; heat network allowance
        // [100 − 50, 100 − 90, 95 − 90, 95 − 50] = [50, 10, 5, 45] kW, so the heat pump draws [20, 10, 5, 20] kW.
        var status = (await client.GetAnswer($"/api/v1/districts/{district}/status")).Message<GridStatus>();
        Assert.Equal([100.0, 100, 95, 95], status.LimitKw);
        Assert.Equal([70.0, 100, 95, 70], status.PlannedImportKw.Select(v => Math.Round(v, 6)));
        Assert.Equal(1, status.LimitVersion);

        var cancelled = await client.PostJson($"/api/v1/districts/{district}/limits/1:cancel", $$"""{ "requestId": "{{Guid.NewGuid()}}", "reason": "peak over" }""");
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal(LimitState.Cancelled, cancelled.Message<LimitVersion>().State);
    }

    [Fact]
    public async Task Setpoints_flexibility_and_measurements_answer_for_the_paths_district()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "rest-telemetry");
        await fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district).RunCycle();
        var client = fixture.Http(fixture.Token("adapter", ["status.read", "setpoints.read", "telemetry.write"], [district]));

        // step 0 of the coordinated plan is committed: the heat pump draws 20 kW of electricity for 3 × 20 = 60 kW of heat
        var setpoints = await client.GetAnswer($"/api/v1/districts/{district}/setpoints?subsystem=heat-network");
        Assert.Equal(HttpStatusCode.OK, setpoints.Status);
        var list = setpoints.Message<SetpointList>();
        Assert.NotEmpty(list.Setpoints);
        Assert.All(list.Setpoints, s => Assert.Equal("heat-network", s.Subsystem));
        var pump = list.Setpoints.Where(s => s.Asset == "heat-pump").ToDictionary(s => s.Key);
        Assert.Equal(20, pump["electricity.drawKw"].Value, 6);
        Assert.Equal(60, pump["heat.outputKw"].Value, 6);
        Assert.Equal("kW", pump["electricity.drawKw"].Unit);

        var flexibility = await client.GetAnswer($"/api/v1/districts/{district}/flexibility");
        Assert.Equal(HttpStatusCode.OK, flexibility.Status);
        Assert.Equal(["heat-network", "ev-hub"], flexibility.Message<FlexibilityReport>().Subsystems.Select(s => s.Id));

        // one meter reading of the connection point (no district: the path's) and one of an unknown asset
        var push = await client.PostJson($"/api/v1/districts/{district}/measurements", $$"""
            { "batchId": "7", "measurements": [
              { "quantity": "power", "unit": "kW", "values": [88.5], "measuredAt": "{{Epoch}}" },
              { "subsystem": "ev-hub", "asset": "no-such-asset", "quantity": "power", "unit": "kW", "values": [1], "measuredAt": "{{Epoch}}" } ] }
            """);
        Assert.Equal(HttpStatusCode.OK, push.Status);
        var ack = push.Message<PushAck>();
        Assert.Equal(7ul, ack.BatchId);
        Assert.Equal(1u, ack.Accepted);
        var rejection = Assert.Single(ack.Rejections);
        Assert.Equal(1u, rejection.Index);
        Assert.Equal("unknown_asset", rejection.Reason);
        Assert.Equal(88.5, (await client.GetAnswer($"/api/v1/districts/{district}/status")).Message<GridStatus>().MeasuredImportKw);
    }
}

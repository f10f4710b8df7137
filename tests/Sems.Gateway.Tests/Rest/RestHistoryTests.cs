using System.Net;
using System.Text.Json;
using Sems.Contracts;

namespace Sems.Gateway.Tests.Rest;

/// <summary>
/// History and KPIs over REST on a fixture of their own (they move the fake clock): two cycles of the worked example,
/// the second under a 40 kW limit the EV hub's fixed charging cannot meet.
/// </summary>
public sealed class RestHistoryTests(HistoryScenario scenario) : IClassFixture<HistoryScenario>
{
    private const string District = HistoryScenario.District;

    private GatewayFixture Gateway => scenario.Gateway;

    private IReadOnlyList<CoordinationCycleReport> Reports => scenario.Reports;

    [Fact]
    public async Task History_ofReports_after_two_cycles_has_two_records_and_the_window_filters_them()
    {
        var client = Gateway.Http(Gateway.Token("dso-h", ["status.read"], [District]));
        var all = await client.GetAnswer($"/api/v1/districts/{District}/history?kind=reports");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        var json = all.Json;
        Assert.Equal(2, json.GetProperty("count").GetInt32());
        Assert.False(json.GetProperty("truncated").GetBoolean());
        Assert.Equal(10_000, json.GetProperty("maxRecords").GetInt32());
        var records = json.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal([0, 1], records.Select(r => r.GetProperty("cycle").GetInt32()));
        Assert.All(records, r => Assert.Equal("reports", r.GetProperty("kind").GetString()));
        Assert.Equal(new DateTimeOffset(2022, 11, 1, 0, 15, 0, TimeSpan.Zero), records[1].GetProperty("at").GetDateTimeOffset());
        // cycle 0: Pex = [0, 10, 10, 0] kW for 0.25 h each
        Assert.Equal(5.0, records[0].GetProperty("violationBeforeKwh").GetProperty("electricity").GetDouble(), 6);

        var second = await client.GetAnswer($"/api/v1/districts/{District}/history?kind=reports&from=2022-11-01T00:15:00Z");
        Assert.Equal([1], second.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("cycle").GetInt32()));
        var first = await client.GetAnswer($"/api/v1/districts/{District}/history?kind=reports&from=2022-11-01T00:00:00Z&to=2022-11-01T00:15:00Z");
        Assert.Equal([0], first.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("cycle").GetInt32()));

        var backwards = await client.GetAnswer($"/api/v1/districts/{District}/history?from=2022-11-02T00:00:00Z&to=2022-11-01T00:00:00Z");
        Assert.Equal(["to"], backwards.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);
        var kind = await client.GetAnswer($"/api/v1/districts/{District}/history?kind=weather");
        Assert.Equal(["kind"], kind.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);
        var from = await client.GetAnswer($"/api/v1/districts/{District}/history?from=last-week");
        Assert.Equal(["from"], from.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);
    }

    [Fact]
    public async Task Every_kind_reads_and_audit_needs_districts_admin()
    {
        var reader = Gateway.Http(Gateway.Token("dso-h", ["status.read"], [District]));
        foreach (var kind in new[] { "measurements", "plans", "setpoints", "reports", "limits", "forecasts" })
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAnswer($"/api/v1/districts/{District}/history?kind={kind}")).Status);
        // two cycles commit the set-points of the three supplies (heat pump, boiler, EV grid connection) each
        var setpoints = (await reader.GetAnswer($"/api/v1/districts/{District}/history?kind=setpoints")).Json;
        Assert.Equal(6, setpoints.GetProperty("count").GetInt32());

        (await reader.GetAnswer($"/api/v1/districts/{District}/history?kind=audit")).AssertProblem(HttpStatusCode.Forbidden, "permission-denied");
        var admin = Gateway.Http(Gateway.Token("admin-h", ["status.read", "districts.admin"], [District]));
        var audit = await admin.GetAnswer($"/api/v1/districts/{District}/history?kind=audit&from=2000-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, audit.Status);
        var entry = Assert.Single(audit.Json.GetProperty("records").EnumerateArray());
        Assert.Equal("limit.set", entry.GetProperty("action").GetString());
        Assert.Equal("dso-h", entry.GetProperty("principal").GetString());
    }

    [Fact]
    public async Task Kpis_sum_the_reports_the_grains_hold()
    {
        Assert.Equal(2, Reports.Count);
        var client = Gateway.Http(Gateway.Token("dso-h", ["status.read"], [District]));
        var answer = await client.GetAnswer($"/api/v1/districts/{District}/kpis");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var kpis = answer.Json;

        var before = Reports.Sum(r => r.ViolationBeforeKwh.Values.Sum());
        var after = Reports.Sum(r => r.ViolationAfterKwh.Values.Sum());
        Assert.True(after > 0, "the 40 kW limit is below the EV hub's fixed charging, so a violation remains");
        Assert.Equal(before, kpis.GetProperty("violationBeforeKwh").GetDouble(), 9);
        Assert.Equal(after, kpis.GetProperty("violationAfterKwh").GetDouble(), 9);
        Assert.Equal(after, kpis.GetProperty("violationAfterKwhByResource").GetProperty("electricity").GetDouble(), 9);
        Assert.Equal(2, kpis.GetProperty("cyclesRunCount").GetInt32());
        Assert.Equal(0, kpis.GetProperty("cyclesMissedCount").GetInt32());
        // cycle 0 keeps 100 kW after coordination, cycle 1 cannot keep 40 kW: one compliant cycle of two
        Assert.Equal(50.0, kpis.GetProperty("compliantCyclesPercent").GetDouble(), 9);
        Assert.Equal(Reports.Sum(r => r.Resolves), kpis.GetProperty("resolvesCount").GetInt32());
        Assert.Equal(Reports.Sum(r => r.SetpointsCommitted), kpis.GetProperty("setpointsCommittedCount").GetInt32());
        Assert.Equal((Reports[0].WallMs + Reports[1].WallMs) / 2, kpis.GetProperty("meanCycleWallMs").GetDouble(), 9);
        Assert.Equal(Math.Max(Reports[0].WallMs, Reports[1].WallMs), kpis.GetProperty("maxCycleWallMs").GetDouble(), 9);
        Assert.False(kpis.GetProperty("truncated").GetBoolean());

        var later = (await client.GetAnswer($"/api/v1/districts/{District}/kpis?from=2022-11-01T00:15:00Z")).Json;
        Assert.Equal(1, later.GetProperty("cyclesRunCount").GetInt32());
        Assert.Equal(0.0, later.GetProperty("compliantCyclesPercent").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Number, later.GetProperty("violationAfterKwh").ValueKind);
    }

    [Fact]
    public async Task A_gateway_without_a_history_store_answers_503()
    {
        await using var bare = await GatewayWithoutHistory.Start(Gateway);
        var client = bare.Http(Gateway.Token("dso-h", ["status.read"], [District]));
        (await client.GetAnswer($"/api/v1/districts/{District}/history?kind=reports")).AssertProblem(HttpStatusCode.ServiceUnavailable, "unavailable");
        (await client.GetAnswer($"/api/v1/districts/{District}/kpis")).AssertProblem(HttpStatusCode.ServiceUnavailable, "unavailable");
        // the same gateway reads the district's status through the grains
        Assert.Equal(HttpStatusCode.OK, (await client.GetAnswer($"/api/v1/districts/{District}/status")).Status);
    }
}

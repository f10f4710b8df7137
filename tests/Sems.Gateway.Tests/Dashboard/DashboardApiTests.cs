using System.Globalization;
using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sems.Api.V1;
using Sems.Contracts;
using Sems.Gateway.Auth;
using Sems.Gateway.Tests.Auth;
using Measurement = Sems.Contracts.Measurement;

namespace Sems.Gateway.Tests.Dashboard;

/// <summary>
/// The dashboard's routes over real HTTP: the server-sent event stream (snapshot, cycles, Last-Event-ID resumption,
/// the token in the query checked as the header is), the dashboard JSON (stores, set-points, forecast against measured)
/// and the district list; expectations come from the worked example by hand and from the values the tests put in.
/// </summary>
public sealed class DashboardApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    /// <summary>A key the gateway does not know (32 bytes, base64).</summary>
    private const string StrangerKey = "YW5vdGhlci1rZXktdGhhdC1pcy0zMi1ieXRlcy1sb25nIQ==";

    private static readonly JsonParser Proto = new(JsonParser.Settings.Default);

    private IDistrictCoordinatorGrain Coordinator(string district) => fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district);

    private static StatusEvent Parse(SseMessage message) => Proto.Parse<StatusEvent>(message.Data);

    private static string Detail(string problemJson) => JsonDocument.Parse(problemJson).RootElement.GetProperty("detail").GetString() ?? "";

    private static double[] Rounded(IEnumerable<double> values) => [.. values.Select(v => Math.Round(v, 6))];

    private Task<SseReader> Events(string district, string? queryToken, string? headerToken = null, string? lastEventId = null, string query = "")
    {
        var parameters = new List<string>();
        if (queryToken is not null) parameters.Add($"access_token={Uri.EscapeDataString(queryToken)}");
        if (query.Length > 0) parameters.Add(query);
        var path = $"/api/v1/districts/{district}/events" + (parameters.Count > 0 ? "?" + string.Join('&', parameters) : "");
        return SseReader.Open(fixture.Http(headerToken), path, lastEventId);
    }

    [Fact]
    public async Task The_stream_with_the_token_in_the_query_sends_a_snapshot_then_each_cycle_with_its_sequence_as_id()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "sse-cycles");
        var first = await Coordinator(district).RunCycle();
        var token = fixture.Token("operator-a", ["status.read"], [district]);

        await using var stream = await Events(district, token);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        var snapshot = await stream.NextNotHeartbeat();
        var e = Parse(snapshot);
        Assert.Equal(StatusEventKind.Snapshot, e.Kind);
        Assert.Equal(e.Sequence.ToString(CultureInfo.InvariantCulture), snapshot.Id);
        Assert.Equal(3000, stream.RetryMs);
        Assert.Equal(first.Cycle, e.Status.Cycle);
        Assert.Equal(WorkedExample.LimitKw, e.Status.LimitKw);
        Assert.Equal(WorkedExample.AfterKw(first.Cycle), Rounded(e.Status.PlannedImportKw));
        Assert.Equal(WorkedExample.BeforeKw(first.Cycle), Rounded(e.Status.PlannedImportBeforeKw));

        fixture.Clock.Advance(Step);
        var second = await Coordinator(district).RunCycle();
        var cycle = await stream.NextNotHeartbeat();
        var next = Parse(cycle);
        Assert.Equal(StatusEventKind.Cycle, next.Kind);
        Assert.Equal(next.Sequence.ToString(CultureInfo.InvariantCulture), cycle.Id);
        Assert.True(next.Sequence > e.Sequence, $"sequence {next.Sequence} after {e.Sequence}");
        Assert.Equal(second.Cycle, next.Status.Cycle);
        Assert.Equal(first.Cycle + 1, next.Status.Cycle);
        // The horizon moved one step: the EV hub's series is rotated once more.
        Assert.Equal(WorkedExample.BeforeKw(second.Cycle), Rounded(next.Status.PlannedImportBeforeKw));
        Assert.Equal(WorkedExample.AfterKw(second.Cycle), Rounded(next.Status.PlannedImportKw));
        Assert.NotEqual(WorkedExample.AfterKw(first.Cycle), WorkedExample.AfterKw(second.Cycle));
    }

    [Fact]
    public async Task Last_Event_ID_resumes_after_that_event_and_one_newer_than_the_log_starts_over_with_a_snapshot()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "sse-resume");
        await Coordinator(district).RunCycle();
        var token = fixture.Token("operator-a", ["status.read"], [district]);
        string seen;
        await using (var stream = await Events(district, token))
        {
            seen = (await stream.NextNotHeartbeat()).Id!;
        }

        fixture.Clock.Advance(Step);
        var missed = await Coordinator(district).RunCycle();

        await using (var resumed = await Events(district, token, lastEventId: seen))
        {
            var e = Parse(await resumed.NextNotHeartbeat());
            Assert.Equal(StatusEventKind.Cycle, e.Kind);
            Assert.Equal(ulong.Parse(seen, CultureInfo.InvariantCulture) + 1, e.Sequence);
            Assert.Equal(missed.Cycle, e.Status.Cycle);
        }

        await using (var lost = await Events(district, token, lastEventId: "999999"))
        {
            var e = Parse(await lost.NextNotHeartbeat());
            Assert.Equal(StatusEventKind.Snapshot, e.Kind);
            Assert.Equal(missed.Cycle, e.Status.Cycle);
        }

        using var client = fixture.Http(token);
        var given = await client.GetAsync($"/api/v1/districts/{district}/events?resume_after_sequence=999999");
        Assert.Equal(HttpStatusCode.BadRequest, given.StatusCode);
        var problem = JsonDocument.Parse(await given.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("resume_after_sequence", problem.GetProperty("violations")[0].GetProperty("field").GetString());
        var bad = await client.GetAsync($"/api/v1/districts/{district}/events?resume_after_sequence=-1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refused = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("INVALID_ARGUMENT", refused.GetProperty("code").GetString());
        Assert.Equal("resume_after_sequence", refused.GetProperty("violations")[0].GetProperty("field").GetString());
        Assert.Contains("\"-1\" is not a sequence number", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_token_is_refused_and_counted_as_a_header_token_is_and_never_logged()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "sse-auth");
        await Coordinator(district).RunCycle();
        var log = new CapturedLog();
        fixture.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var rejections = fixture.App.Services.GetRequiredService<AuthRejections>();
        var invalidBefore = rejections.Count(AuthRejections.InvalidToken);
        var expiredBefore = rejections.Count(AuthRejections.ExpiredToken);
        var scopeBefore = rejections.Count(AuthRejections.MissingScope);
        var districtBefore = rejections.Count(AuthRejections.OtherDistrict);

        var stranger = TokenIssuer.Mint(new SemsAuthOptions { SigningKey = StrangerKey }, "mallory", ["status.read"], [district], TimeSpan.FromHours(1), TimeProvider.System);
        var expired = TokenIssuer.Mint(fixture.AuthOptions, "late", ["status.read"], [district], TimeSpan.FromHours(1), new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2)));
        var noScope = fixture.Token("reader", ["setpoints.read"], [district]);
        var elsewhere = fixture.Token("neighbour", ["status.read"], ["another-district"]);
        var path = $"/api/v1/districts/{district}/events";
        using var anonymous = fixture.Http(null);

        var none = await anonymous.GetAsync(path);
        var wrongKey = await anonymous.GetAsync($"{path}?access_token={stranger}");
        var late = await anonymous.GetAsync($"{path}?access_token={expired}");
        var missingScope = await anonymous.GetAsync($"{path}?access_token={noScope}");
        var otherDistrict = await anonymous.GetAsync($"{path}?access_token={elsewhere}");
        var twice = await anonymous.GetAsync($"{path}?access_token={noScope}&access_token={noScope}");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Contains("expired", Detail(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, missingScope.StatusCode);
        Assert.Contains("lacks scope status.read", Detail(await missingScope.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, otherDistrict.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, twice.StatusCode);
        Assert.Equal(invalidBefore + 2, rejections.Count(AuthRejections.InvalidToken));
        Assert.Equal(expiredBefore + 1, rejections.Count(AuthRejections.ExpiredToken));
        Assert.Equal(scopeBefore + 1, rejections.Count(AuthRejections.MissingScope));
        Assert.Equal(districtBefore + 1, rejections.Count(AuthRejections.OtherDistrict));

        // The same token in the header opens the stream too; so does a valid one in the query.
        var valid = fixture.Token("operator-a", ["status.read"], [district]);
        await using (var header = await Events(district, queryToken: null, headerToken: valid))
        {
            Assert.Equal(StatusEventKind.Snapshot, Parse(await header.NextNotHeartbeat()).Kind);
        }

        await using (var query = await Events(district, queryToken: valid))
        {
            Assert.Equal(StatusEventKind.Snapshot, Parse(await query.NextNotHeartbeat()).Kind);
        }

        // The refusals were logged (the log works), and no entry holds any of the tokens.
        Assert.Contains(log.Entries, e => e.Message.Contains("invalid_token", StringComparison.Ordinal));
        foreach (var secret in new[] { stranger, expired, noScope, elsewhere, valid })
            Assert.DoesNotContain(log.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || e.Message.Contains(secret.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_json_has_the_set_points_in_force_with_units_and_hides_them_without_setpoints_read()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "json-setpoints");
        var report = await Coordinator(district).RunCycle();

        using var reader = fixture.Http(fixture.Token("operator-a", ["status.read", "setpoints.read"], [district]));
        var view = JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/districts/{district}/dashboard")).RootElement;
        Assert.Equal(district, view.GetProperty("district").GetString());
        Assert.Equal(report.Cycle, view.GetProperty("cycle").GetInt32());
        Assert.Equal(0, view.GetProperty("stores").GetArrayLength());
        var setpoints = view.GetProperty("setpoints").EnumerateArray().ToList();
        // Step 0 of the cycle by hand: the heat pump draws min(20, 100 − EV) kW, the EV hub's grid supplies EV.
        var heatPump = setpoints.Single(s => s.GetProperty("asset").GetString() == "heat-pump" && s.GetProperty("key").GetString() == "electricity.drawKw");
        Assert.Equal(WorkedExample.HeatNetworkKw(report.Cycle)[0], heatPump.GetProperty("value").GetDouble(), 6);
        Assert.Equal("kW", heatPump.GetProperty("unit").GetString());
        Assert.Equal(report.Cycle, heatPump.GetProperty("cycle").GetInt32());
        var grid = setpoints.Single(s => s.GetProperty("asset").GetString() == "grid" && s.GetProperty("key").GetString() == "electricity.drawKw");
        Assert.Equal(WorkedExample.EvKw(report.Cycle)[0], grid.GetProperty("value").GetDouble(), 6);
        Assert.Equal("ev-hub", grid.GetProperty("subsystem").GetString());

        using var statusOnly = fixture.Http(fixture.Token("dso-a", ["status.read"], [district]));
        var hidden = JsonDocument.Parse(await statusOnly.GetStringAsync($"/api/v1/districts/{district}/dashboard")).RootElement;
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("setpoints").ValueKind);
        Assert.Contains("lacks scope setpoints.read", hidden.GetProperty("setpointsNote").GetString(), StringComparison.Ordinal);

        var unknown = await reader.GetAsync("/api/v1/districts/no-such-district/dashboard");
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        using var everywhere = fixture.Http(fixture.Token("operator-b", ["status.read"]));
        var missing = await everywhere.GetAsync("/api/v1/districts/no-such-district/dashboard");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"no-such-district\" is not known", Detail(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var anonymous = fixture.Http(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/districts/{district}/dashboard")).StatusCode);
    }

    [Fact]
    public async Task A_stores_planned_soc_starts_at_its_measured_value_ends_empty_and_carries_its_capacity()
    {
        // One heat network: a heat pump at £0.05 per kWh of heat and a free 40 kWh heat store against 60 kW of demand for
        // an hour. Every kWh the store gives saves money, so the plan empties it: SoC[4] = 0 whatever the timing.
        const string file = """
            {
              "name": "store", "stepMinutes": 15, "horizonSteps": 4,
              "factors": { "cost": { "electricity": 0.15 } },
              "districtLimits": { "electricity": 100 },
              "subsystems": [ {
                "id": "heat", "priority": 1,
                "supplies": [ { "id": "heat-pump", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 3, "min": 0, "max": 30 } ], "feedsStores": true } ],
                "stores": [ { "id": "tank", "energyType": "heat", "socMin": 0, "socMax": 40, "socInitial": 40,
                  "chargeEfficiency": 1, "dischargeEfficiency": 1, "retention": 1, "chargeMin": 0, "chargeMax": 100,
                  "dischargeMin": 0, "dischargeMax": 100, "penalty": 0, "terminal": "none" } ],
                "demands": [ { "id": "space-heat", "kind": "series", "energyType": "heat", "values": 60 } ],
                "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } }
              } ]
            }
            """;
        var district = await fixture.Load(file, "json-store");
        // The first cycle puts the definition in force (and so configures the store's asset grain); the next uses the measurement.
        await Coordinator(district).RunCycle();
        fixture.Clock.Advance(Step);
        var now = fixture.Clock.GetUtcNow();
        Assert.True((await fixture.Grains.GetGrain<IAssetGrain>($"{district}/heat/tank").Record(new Measurement(now, "soc", [30.0], "kWh"))).Accepted);
        var report = await Coordinator(district).RunCycle();

        using var client = fixture.Http(fixture.Token("operator-a", ["status.read"], [district]));
        var view = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/districts/{district}/dashboard")).RootElement;
        var store = view.GetProperty("stores").EnumerateArray().Single();
        Assert.Equal("heat", store.GetProperty("subsystem").GetString());
        Assert.Equal("tank", store.GetProperty("id").GetString());
        Assert.Equal(40.0, store.GetProperty("capacityKwh").GetDouble());
        Assert.Equal(0.0, store.GetProperty("socMinKwh").GetDouble());
        Assert.Equal(report.Cycle, store.GetProperty("cycle").GetInt32());
        var soc = store.GetProperty("socKwh").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(5, soc.Length);
        Assert.Equal(30.0, soc[0], 6);
        Assert.Equal(0.0, soc[^1], 6);
        Assert.All(soc, v => Assert.InRange(v, -1e-6, 40 + 1e-6));
        Assert.Equal(30.0, store.GetProperty("measuredSocKwh").GetDouble());
    }

    [Fact]
    public async Task Forecasts_come_beside_the_measurements_of_the_demand_they_forecast()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "json-forecast");
        await Coordinator(district).RunCycle();
        fixture.Clock.Advance(Step);
        var now = fixture.Clock.GetUtcNow();
        var cycle = (int)((now - GatewayFixture.Epoch) / Step);
        Assert.Empty(await fixture.Grains.GetGrain<ISubsystemGrain>($"{district}/ev-hub").SetForecast(cycle, new Dictionary<string, double[]> { ["demand:chargers"] = [60, 80, 95, 55] }));
        Assert.True((await fixture.Grains.GetGrain<IAssetGrain>($"{district}/ev-hub/chargers").Record(new Measurement(now.AddMinutes(-5), "power", [57.5], "kW"))).Accepted);
        var report = await Coordinator(district).RunCycle();
        Assert.Equal(cycle, report.Cycle);

        using var client = fixture.Http(fixture.Token("operator-a", ["status.read"], [district]));
        var view = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/districts/{district}/dashboard")).RootElement;
        Assert.True(view.GetProperty("historyAvailable").GetBoolean());
        var comparison = view.GetProperty("forecasts").EnumerateArray().Single();
        Assert.Equal("ev-hub", comparison.GetProperty("subsystem").GetString());
        Assert.Equal("chargers", comparison.GetProperty("asset").GetString());
        Assert.Equal("demand:chargers", comparison.GetProperty("series").GetString());
        Assert.Equal("kW", comparison.GetProperty("unit").GetString());
        var forecast = comparison.GetProperty("forecast").EnumerateArray().Select(p => (At: p.GetProperty("at").GetDateTimeOffset(), Value: p.GetProperty("value").GetDouble())).ToList();
        var start = GatewayFixture.Epoch + cycle * Step;
        Assert.Equal([start, start + Step, start + 2 * Step, start + 3 * Step], forecast.Select(p => p.At));
        Assert.Equal([60.0, 80, 95, 55], forecast.Select(p => p.Value));
        var measured = comparison.GetProperty("measured").EnumerateArray().Single();
        Assert.Equal(now.AddMinutes(-5), measured.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(57.5, measured.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task The_district_list_names_only_the_districts_the_token_may_see()
    {
        var north = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "list-north");
        var south = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "list-south");

        using var client = fixture.Http(fixture.Token("operator-n", ["status.read"], [north]));
        var list = Proto.Parse<ListDistrictsResponse>(await client.GetStringAsync("/api/v1/dashboard/districts"));
        Assert.Equal([north], list.Districts.Select(d => d.District));
        Assert.Equal(["electricity"], list.Districts[0].LimitedResources);

        using var all = fixture.Http(fixture.Token("operator-all", ["status.read"]));
        var everything = Proto.Parse<ListDistrictsResponse>(await all.GetStringAsync("/api/v1/dashboard/districts"));
        Assert.Contains(north, everything.Districts.Select(d => d.District));
        Assert.Contains(south, everything.Districts.Select(d => d.District));

        using var anonymous = fixture.Http(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/dashboard/districts")).StatusCode);
    }
}

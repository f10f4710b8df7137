using System.Net;
using Sems.Contracts;

namespace Sems.Gateway.Tests.Rest;

/// <summary>
/// Every kind of refusal as RFC 9457 problem+json with the field paths of gRPC's BadRequest: a limit's shape and
/// values, bodies the JSON parser refuses, credentials, districts, etags, state and size.
/// </summary>
[Collection(RestCollection.Name)]
public sealed class RestErrorTests(GatewayFixture fixture)
{
    private const string District = "rest-errors";

    private static string Limit(string resolution = "\"1800s\"", string values = "[100, 95]", string extra = "") => $$"""
        { "resource": "electricity", "start": "2022-11-01T00:00:00Z", "resolution": {{resolution}}, "importMaxKw": {{values}},
          "requestId": "{{Guid.NewGuid()}}"{{extra}} }
        """;

    private async Task<HttpClient> Dso()
    {
        await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), District);
        return fixture.Http(fixture.Token("dso-e", ["status.read", "limits.write", "telemetry.write"], [District]));
    }

    private async Task<RestAnswer> PostLimit(string body) => await (await Dso()).PostJson($"/api/v1/districts/{District}/limits", body);

    [Fact]
    public async Task A_resolution_that_is_not_a_whole_number_of_steps_or_not_a_duration_names_resolution()
    {
        // 20 min on a 15-min step
        var uneven = await PostLimit(Limit(resolution: "\"1200s\""));
        uneven.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Contains("resolution", uneven.Fields);
        Assert.Equal("INVALID_ARGUMENT", uneven.Json.GetProperty("code").GetString());

        var words = await PostLimit(Limit(resolution: "\"20 minutes\""));
        words.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Equal(["resolution"], words.Fields);
        Assert.Contains("\"20 minutes\"", words.Description("resolution"));
    }

    [Fact]
    public async Task NaN_is_refused_as_a_bare_token_and_as_a_string_and_a_negative_value_names_its_index()
    {
        var bare = await PostLimit(Limit(values: "[100, NaN]"));
        bare.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Equal(["import_max_kw[1]"], bare.Fields);

        // the protobuf JSON mapping reads "NaN" as a double; the limit rules refuse a value that is not finite
        var quoted = await PostLimit(Limit(values: "[100, \"NaN\"]"));
        quoted.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Equal(["import_max_kw[1]"], quoted.Fields);

        var negative = await PostLimit(Limit(values: "[100, -5, 90]"));
        negative.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Equal(["import_max_kw[1]"], negative.Fields);

        var text = await PostLimit(Limit(values: "[100, 95, \"lots\"]"));
        text.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Equal(["import_max_kw[2]"], text.Fields);

        Assert.Empty(await fixture.Grains.GetGrain<IGridLimitsGrain>(District).List(null, null, true));
    }

    [Fact]
    public async Task Bodies_the_parser_refuses_name_the_field()
    {
        var unknown = await PostLimit(Limit(extra: ", \"importMaxKwh\": [1]"));
        unknown.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Equal(["importMaxKwh"], unknown.Fields);

        var twice = await PostLimit(Limit(extra: ", \"resource\": \"heat\""));
        twice.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Equal(["resource"], twice.Fields);

        var start = await PostLimit(Limit().Replace("2022-11-01T00:00:00Z", "yesterday", StringComparison.Ordinal));
        Assert.Equal(["start"], start.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);

        var client = await Dso();
        var measurement = await client.PostJson($"/api/v1/districts/{District}/measurements", """
            { "measurements": [ { "quantity": "power", "unit": "kW", "values": [1], "measuredAt": "2022-11-01T00:00:00Z" },
                                { "quantity": "power", "unit": "kW", "values": [1], "measuredAt": "noon" } ] }
            """);
        Assert.Equal(["measurements[1].measured_at"], measurement.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);

        var array = await PostLimit("[1, 2]");
        Assert.Equal(["body"], array.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);

        var superseded = await client.GetAnswer($"/api/v1/districts/{District}/limits?includeSuperseded=maybe");
        Assert.Equal(["include_superseded"], superseded.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);
    }

    [Fact]
    public async Task A_body_naming_another_district_is_refused()
    {
        var limit = await PostLimit(Limit(extra: ", \"district\": \"someone-else\""));
        Assert.Equal(["district"], limit.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);

        var client = await Dso();
        var push = await client.PostJson($"/api/v1/districts/{District}/measurements", """
            { "measurements": [ { "district": "someone-else", "quantity": "power", "unit": "kW", "values": [1], "measuredAt": "2022-11-01T00:00:00Z" } ] }
            """);
        Assert.Equal(["measurements[0].district"], push.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);
    }

    [Fact]
    public async Task Credentials_and_districts_are_checked_401_without_a_token_403_for_another_district_or_scope()
    {
        await Dso();
        var anonymous = await fixture.Http(null).GetAnswer($"/api/v1/districts/{District}/status");
        anonymous.AssertProblem(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.StartsWith("Bearer", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var forged = await fixture.Http("not-a-jwt").GetAnswer("/api/v1/districts");
        forged.AssertProblem(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.StartsWith("Bearer", forged.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var other = await fixture.Http(fixture.Token("dso-e", ["status.read"], ["rest-elsewhere"])).GetAnswer($"/api/v1/districts/{District}/status");
        other.AssertProblem(HttpStatusCode.Forbidden, "permission-denied");

        var readOnly = await fixture.Http(fixture.Token("dso-e", ["status.read"], [District])).PostJson($"/api/v1/districts/{District}/limits", Limit());
        readOnly.AssertProblem(HttpStatusCode.Forbidden, "permission-denied");
        Assert.Contains("limits.write", readOnly.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // scope and district are checked before the body is read: a malformed body of a caller who may not post is still 403
        var readOnlyMalformed = await fixture.Http(fixture.Token("dso-e", ["status.read"], [District])).PostJson($"/api/v1/districts/{District}/limits", "[1, NaN");
        readOnlyMalformed.AssertProblem(HttpStatusCode.Forbidden, "permission-denied");
        var elsewhere = await fixture.Http(fixture.Token("admin-e", ["districts.admin"], ["rest-elsewhere"])).PutJson($"/api/v1/districts/{District}", "{}");
        elsewhere.AssertProblem(HttpStatusCode.Forbidden, "permission-denied");
    }

    [Fact]
    public async Task A_stale_etag_is_409_etag_mismatch_and_a_district_without_a_cycle_is_409_failed_precondition()
    {
        var stale = await PostLimit(Limit(extra: ", \"expectedEtag\": \"0000000000000000\""));
        Assert.Equal(["expected_etag"], stale.AssertProblem(HttpStatusCode.Conflict, "etag-mismatch").Fields);

        var fresh = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "rest-no-cycle");
        var status = await fixture.Http(fixture.Token("dso-e", ["status.read"], [fresh])).GetAnswer($"/api/v1/districts/{fresh}/status");
        status.AssertProblem(HttpStatusCode.Conflict, "failed-precondition");
        Assert.Equal("FAILED_PRECONDITION", status.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_district_or_limit_version_is_404()
    {
        var client = fixture.Http(fixture.Token("dso-e", null, ["*"]));
        (await client.GetAnswer("/api/v1/districts/nowhere/status")).AssertProblem(HttpStatusCode.NotFound, "not-found");
        (await client.GetAnswer("/api/v1/districts/nowhere")).AssertProblem(HttpStatusCode.NotFound, "not-found");

        await Dso();
        var cancel = await client.PostJson($"/api/v1/districts/{District}/limits/999:cancel", $$"""{ "requestId": "{{Guid.NewGuid()}}" }""");
        cancel.AssertProblem(HttpStatusCode.NotFound, "not-found");
        var word = await client.PostJson($"/api/v1/districts/{District}/limits/latest:cancel", null);
        Assert.Equal(["version"], word.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument").Fields);
    }

    [Fact]
    public async Task A_body_over_4_MiB_is_413()
    {
        var huge = Limit(extra: $", \"reason\": \"{new string('x', 4 * 1024 * 1024)}\"");
        var answer = await PostLimit(huge);
        Assert.Equal(["body"], answer.AssertProblem(HttpStatusCode.RequestEntityTooLarge, "payload-too-large").Fields);
    }
}

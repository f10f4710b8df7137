using System.Net;
using System.Text.Json.Nodes;
using Sems.Api.V1;

namespace Sems.Gateway.Tests.Rest;

/// <summary>The Districts mirror: what a caller may list, PUT of a district file with its name and etag rules, start and stop.</summary>
[Collection(RestCollection.Name)]
public sealed class RestDistrictsTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ListDistricts_shows_only_the_districts_the_token_names()
    {
        var example = GatewayFixture.Example("two-subsystems-limit.json");
        foreach (var name in new[] { "list-a", "list-b", "list-c" }) await fixture.Load(example, name);

        var mine = await fixture.Http(fixture.Token("dso-list", ["status.read"], ["list-a", "list-c"])).GetAnswer("/api/v1/districts");
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal("application/json", mine.MediaType);
        Assert.Equal(["list-a", "list-c"], mine.Message<ListDistrictsResponse>().Districts.Select(d => d.District).Order());

        var all = await fixture.Http(fixture.Token("dso-all", ["status.read"], ["*"])).GetAnswer("/api/v1/districts");
        Assert.Superset(new HashSet<string> { "list-a", "list-b", "list-c" }, all.Message<ListDistrictsResponse>().Districts.Select(d => d.District).ToHashSet());
    }

    [Fact]
    public async Task Put_applies_a_district_file_under_its_own_name_only_and_honours_the_etag()
    {
        var client = fixture.Http(fixture.Token("operator", ["districts.admin", "status.read"], ["*"]));
        var file = JsonNode.Parse(GatewayFixture.Example("two-subsystems-limit.json"))!.AsObject();
        file["name"] = "put-district";
        var json = file.ToJsonString();

        var elsewhere = await client.PutJson("/api/v1/districts/put-elsewhere", json);
        elsewhere.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Equal(["district_json.name"], elsewhere.Fields);

        var put = await client.PutJson("/api/v1/districts/put-district", json);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var version = put.Message<DistrictVersion>();
        Assert.Equal("put-district", version.District);
        Assert.Equal(1, version.Version);
        Assert.Equal(["heat-network", "ev-hub"], version.Subsystems);
        Assert.Equal(15, version.StepMinutes);
        Assert.Equal(4, version.HorizonSteps);
        Assert.Equal($"\"{version.Etag}\"", put.Headers.ETag!.ToString());
        // the wire form is the protobuf JSON mapping: lowerCamelCase names, 64-bit integers as strings
        Assert.Equal("1", put.Json.GetProperty("version").GetString());
        Assert.Equal(15, put.Json.GetProperty("stepMinutes").GetInt32());

        var stale = await client.PutJson("/api/v1/districts/put-district", json, ifMatch: "v0-stale");
        stale.AssertProblem(HttpStatusCode.Conflict, "etag-mismatch");
        Assert.Equal(["expected_etag"], stale.Fields);

        // the same file again, with the current etag, changes nothing
        var again = await client.PutJson("/api/v1/districts/put-district", json, ifMatch: version.Etag);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(version.Version, again.Message<DistrictVersion>().Version);
        Assert.Equal(version.Etag, (await client.GetAnswer("/api/v1/districts/put-district")).Message<DistrictVersion>().Etag);

        var invalid = JsonNode.Parse(json)!.AsObject();
        invalid["stepMinutes"] = 0;
        var refused = await client.PutJson("/api/v1/districts/put-district", invalid.ToJsonString());
        refused.AssertProblem(HttpStatusCode.BadRequest, "invalid-argument");
        Assert.Contains("district_json.stepMinutes", refused.Fields);
    }

    [Fact]
    public async Task Start_and_stop_are_colon_actions_that_switch_running()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "start-stop");
        var client = fixture.Http(fixture.Token("operator", ["districts.admin", "status.read"], [district]));

        var started = await client.PostJson($"/api/v1/districts/{district}:start", null);
        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.True(started.Message<DistrictVersion>().Running);
        Assert.True((await client.GetAnswer($"/api/v1/districts/{district}")).Message<DistrictVersion>().Running);

        var stopped = await client.PostJson($"/api/v1/districts/{district}:stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.Status);
        Assert.False(stopped.Message<DistrictVersion>().Running);

        var reader = fixture.Http(fixture.Token("reader", ["status.read"], [district]));
        (await reader.PostJson($"/api/v1/districts/{district}:start", null)).AssertProblem(HttpStatusCode.Forbidden, "permission-denied");
    }
}

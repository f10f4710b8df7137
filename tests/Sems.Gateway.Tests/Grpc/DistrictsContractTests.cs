using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sems.Api.V1;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>
/// sems.v1.Districts: a file validated as <c>sems solve</c> validates it (every problem a field violation under
/// <c>district_json.</c>), applied atomically, the same file again the same version, a changed file the next version,
/// an etag that does not match refused; reads limited to the caller's districts; start and stop.
/// </summary>
public sealed class DistrictsContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Contract _c = new(fixture);

    [Fact]
    public async Task PutDistrict_names_every_problem_of_the_file_at_its_json_path_and_applies_nothing()
    {
        const string name = "dist-invalid";
        var client = _c.Districts(_c.Token(name));
        var json = Contract.WorkedExampleJson(name, file =>
        {
            file["subsystems"]![0]!["priority"] = -1;
            file["subsystems"]![0]!["demands"]![0]!["values"] = new JsonArray(60, 60);
            file["subsystems"]![1]!["supplies"]![0]!["conversions"]![0]!["efficiency"] = -1;
            file["districtLimits"]!["electricity"] = -5;
        });

        var e = await Contract.Refused(() => client.PutDistrictAsync(Put(json)).ResponseAsync);

        // One violation per change above, at the path of the value changed.
        Assert.Equal(
            new[]
            {
                "district_json.subsystems[0].priority",
                "district_json.subsystems[0].demands[0].values",
                "district_json.subsystems[1].supplies[0].conversions[0].efficiency",
                "district_json.districtLimits.electricity",
            }.Order(),
            Contract.Fields(e, StatusCode.InvalidArgument).Order());
        var bad = Contract.BadRequestOf(e, StatusCode.InvalidArgument);
        Assert.Contains("-1", bad.FieldViolations.Single(v => v.Field.EndsWith("priority", StringComparison.Ordinal)).Description, StringComparison.Ordinal);
        Assert.Contains("-5", bad.FieldViolations.Single(v => v.Field.EndsWith("electricity", StringComparison.Ordinal)).Description, StringComparison.Ordinal);

        var missing = await Contract.Refused(() => client.GetDistrictAsync(new GetDistrictRequest { District = name }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await Audit(name));
    }

    [Fact]
    public async Task PutDistrict_gives_the_same_version_for_the_same_file_and_the_next_for_a_changed_one()
    {
        const string name = "dist-versions";
        var t0 = _c.StepStart;
        var client = _c.Districts(_c.Token(name));
        var json = Contract.WorkedExampleJson(name);

        var first = await client.PutDistrictAsync(Put(json, t0));

        Assert.Equal(name, first.District);
        Assert.Equal(1, first.Version);
        Assert.False(first.Running);
        Assert.Equal(t0, first.Start.ToDateTimeOffset());
        Assert.Equal(15, first.StepMinutes);
        Assert.Equal(4, first.HorizonSteps);
        Assert.Equal(["heat-network", "ev-hub"], first.Subsystems);
        Assert.Equal(["electricity"], first.LimitedResources);
        Assert.Equal(["electricity", "gas"], first.Resources.Order());
        // The SHA-256 of the file's text, in lower-case hex (the definition's version hash keeps its first 16 digits).
        Assert.InRange(first.ContentHash.Length, 16, 64);
        Assert.StartsWith(first.ContentHash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))), StringComparison.Ordinal);

        var again = await client.PutDistrictAsync(Put(json, t0.AddHours(1)));
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Etag, again.Etag);
        Assert.Equal(t0, again.Start.ToDateTimeOffset()); // kept from the first put

        var changed = Contract.WorkedExampleJson(name, file => file["districtLimits"]!["electricity"] = 90);
        var second = await client.PutDistrictAsync(new PutDistrictRequest { DistrictJson = changed, ExpectedEtag = first.Etag, RequestId = Guid.NewGuid().ToString() });
        Assert.Equal(2, second.Version);
        Assert.NotEqual(first.Etag, second.Etag);
        Assert.NotEqual(first.ContentHash, second.ContentHash);

        var got = await client.GetDistrictAsync(new GetDistrictRequest { District = name });
        Assert.Equal(second.Version, got.Version);
        Assert.Equal(second.Etag, got.Etag);

        // The old etag no longer matches: ABORTED on expected_etag, and the definition stays at version 2.
        var stale = Contract.WorkedExampleJson(name, file => file["districtLimits"]!["electricity"] = 80);
        var e = await Contract.Refused(() => client.PutDistrictAsync(new PutDistrictRequest { DistrictJson = stale, ExpectedEtag = first.Etag }).ResponseAsync);
        Assert.Equal(["expected_etag"], Contract.Fields(e, StatusCode.Aborted));
        got = await client.GetDistrictAsync(new GetDistrictRequest { District = name });
        Assert.Equal(2, got.Version);
        Assert.Equal(second.ContentHash, got.ContentHash);

        // The new limit is what the next cycle plans with: 90 kW.
        await _c.Cycle(name);
        var status = await _c.Grid(_c.Token(name)).GetStatusAsync(new GetStatusRequest { District = name });
        Assert.Equal([90.0, 90, 90, 90], status.LimitKw);

        // Two accepted puts (the same file again changed nothing), each audited once with the version it made.
        Assert.Equal([1L, 2], (await Audit(name)).Where(a => a.Action == "district.put").Select(a => a.Version));
    }

    [Fact]
    public async Task ListDistricts_shows_only_the_callers_districts()
    {
        var a = await _c.WorkedExample("dist-list-a");
        var b = await _c.WorkedExample("dist-list-b");
        await _c.WorkedExample("dist-list-other");

        var listed = await _c.Districts(_c.Token(a, b)).ListDistrictsAsync(new ListDistrictsRequest());

        Assert.Equal([a, b], listed.Districts.Select(d => d.District).Order(StringComparer.Ordinal));
        var all = await _c.Districts(_c.Token()).ListDistrictsAsync(new ListDistrictsRequest());
        Assert.Contains("dist-list-other", all.Districts.Select(d => d.District));
    }

    [Fact]
    public async Task Start_and_stop_set_the_running_flag_and_a_stopped_district_cannot_assess_a_limit()
    {
        var district = await _c.WorkedExample("dist-run");
        var t0 = _c.StepStart;
        var token = _c.Token(district);
        var client = _c.Districts(token);
        var grid = _c.Grid(token);
        Assert.False((await client.GetDistrictAsync(new GetDistrictRequest { District = district })).Running);

        var started = await client.StartDistrictAsync(new StartDistrictRequest { District = district });
        Assert.True(started.Running);
        Assert.True((await client.GetDistrictAsync(new GetDistrictRequest { District = district })).Running);
        var stopped = await client.StopDistrictAsync(new StopDistrictRequest { District = district });
        Assert.False(stopped.Running);
        Assert.Equal(started.Etag, stopped.Etag); // the etag follows the definition, not whether it runs

        var assess = Contract.Limit(district, t0, 30, 90, 95);
        assess.Assess = true;
        var e = await Contract.Refused(() => grid.SetLimitAsync(assess).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("not running", e.Status.Detail, StringComparison.Ordinal);
        // Nothing half-applied: no version was stored.
        Assert.Empty((await grid.ListLimitsAsync(new ListLimitsRequest { District = district, IncludeSuperseded = true })).Limits);

        // Without assess the same limit is accepted on a stopped district.
        assess.Assess = false;
        Assert.Equal(1, (await grid.SetLimitAsync(assess)).Limit.Version);
        Assert.Equal(["district.start", "district.stop", "limit.set"], (await Audit(district)).Select(a => a.Action).Order(StringComparer.Ordinal));
    }

    private static PutDistrictRequest Put(string json, DateTimeOffset? start = null)
    {
        var request = new PutDistrictRequest { DistrictJson = json, RequestId = Guid.NewGuid().ToString() };
        if (start is { } s) request.Start = Timestamp.FromDateTimeOffset(s);
        return request;
    }

    private async Task<IReadOnlyList<Sems.Contracts.History.AuditRecord>> Audit(string district) =>
        [.. (await fixture.History.ReadAsync(district, Sems.Contracts.History.HistoryKind.Audit, null, null, 1000, CancellationToken.None))
            .Cast<Sems.Contracts.History.AuditRecord>().OrderBy(r => r.At).ThenBy(r => r.Version)];
}

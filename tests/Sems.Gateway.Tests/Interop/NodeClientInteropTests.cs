using System.Globalization;
using System.Text.Json;
using Sems.Api.V1;
using Sems.Gateway.Auth;
using Sems.Gateway.Tests.Grpc;
using Xunit.Abstractions;

namespace Sems.Gateway.Tests.Interop;

/// <summary>
/// Interoperability: a client with no .NET in it (Node.js, @grpc/grpc-js, the .proto files loaded at run time) sets a
/// limit with an assessment and reads the status, with its bearer token in the call metadata. The test checks what the
/// script printed against values worked out by hand and against what the .NET client then reads.
/// </summary>
public sealed class NodeClientInteropTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private readonly Contract _c = new(fixture);

    [Fact]
    public async Task A_nodejs_client_sets_a_limit_with_an_assessment_and_reads_the_status()
    {
        var district = await _c.WorkedExample("interop-node");
        var t0 = _c.StepStart;
        var admin = _c.Token(district);
        var districts = _c.Districts(admin);
        await districts.StartDistrictAsync(new StartDistrictRequest { District = district });
        try
        {
            var token = fixture.Token("dso-node", [SemsScopes.StatusRead, SemsScopes.LimitsWrite], [district]);
            var address = $"{fixture.GrpcAddress.Host}:{fixture.GrpcAddress.Port}";
            var (exit, stdout, stderr) = await NodeClient.Run(
                ["--address", address, "--district", district, "--start", t0.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), "--minutes", "30", "--limit-kw", "90,95"],
                token, TimeSpan.FromMinutes(2));
            output.WriteLine(stdout);
            Assert.True(exit == 0, $"the Node.js client exited with {exit}: {stderr}");

            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            var limit = root.GetProperty("limit");
            var assessment = root.GetProperty("assessment");
            var status = root.GetProperty("status");

            // int64 fields come as strings (proto-loader's longs: String), enums as their names.
            Assert.Equal("1", limit.GetProperty("version").GetString());
            Assert.Equal("ACTIVE", limit.GetProperty("state").GetString()); // planned with by the assessing cycle
            Assert.Equal("dso-node", limit.GetProperty("set_by").GetString());
            Assert.Equal([90.0, 95], Numbers(limit.GetProperty("import_max_kw")));
            Assert.Equal("1800s", limit.GetProperty("resolution").GetString());

            // As the .NET test of the same profile: steps [90, 90, 95, 95] kW, district [70, 90, 95, 70] kW, so the 30-minute
            // means are 80 and 82.5 kW, both within their limits.
            Assert.Equal([90.0, 95], Numbers(assessment.GetProperty("limit_kw")));
            Assert.Equal([80.0, 82.5], Numbers(assessment.GetProperty("planned_import_kw")));
            Assert.Equal([0.0, 0], Numbers(assessment.GetProperty("shortfall_kw")));
            Assert.True(assessment.GetProperty("compliant").GetBoolean());
            Assert.Equal("0", assessment.GetProperty("plan_cycle").GetString());

            Assert.Equal(district, status.GetProperty("district").GetString());
            Assert.Equal("1", status.GetProperty("limit_version").GetString());
            Assert.Equal([90.0, 90, 95, 95], Numbers(status.GetProperty("limit_kw")));
            Assert.Equal([70.0, 90, 95, 70], Numbers(status.GetProperty("planned_import_kw")));
            // 0 kW headroom at step 1 is below 5 % of 90 kW.
            Assert.Equal("AT_RISK", status.GetProperty("compliance").GetString());
            Assert.True(status.GetProperty("running").GetBoolean());

            // The .NET client sees the version the script set, under the script's principal and request id.
            var listed = (await _c.Grid(admin).ListLimitsAsync(new ListLimitsRequest { District = district })).Limits.Single();
            Assert.Equal(1, listed.Version);
            Assert.Equal("dso-node", listed.SetBy);
            Assert.Equal(limit.GetProperty("request_id").GetString(), listed.RequestId);
            Assert.True(Guid.TryParse(listed.RequestId, out _));
        }
        finally
        {
            await districts.StopDistrictAsync(new StopDistrictRequest { District = district });
        }
    }

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(v => Math.Round(v.GetDouble(), 6))];
}

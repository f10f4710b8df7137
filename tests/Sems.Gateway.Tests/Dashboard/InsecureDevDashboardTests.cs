using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Sems.Api.V1;
using Sems.Contracts;

namespace Sems.Gateway.Tests.Dashboard;

/// <summary>In insecure development mode the dashboard's routes answer without any token: the list, the stream and the JSON.</summary>
public sealed class InsecureDevDashboardTests(InsecureDevGateway gateway) : IClassFixture<InsecureDevGateway>
{
    [Fact]
    public async Task Every_dashboard_route_answers_without_a_token()
    {
        var district = await gateway.Load(GatewayFixture.Example("two-subsystems-limit.json"), "dev");
        var report = await gateway.Grains.GetGrain<IDistrictCoordinatorGrain>(district).RunCycle();
        using var client = new HttpClient { BaseAddress = gateway.HttpAddress };

        var list = JsonParser.Default.Parse<ListDistrictsResponse>(await client.GetStringAsync("/api/v1/dashboard/districts"));
        Assert.Equal([district], list.Districts.Select(d => d.District));

        var view = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/districts/{district}/dashboard")).RootElement;
        // The development principal has every scope, set-points included.
        Assert.Equal(JsonValueKind.Array, view.GetProperty("setpoints").ValueKind);
        Assert.NotEqual(0, view.GetProperty("setpoints").GetArrayLength());

        await using var stream = await SseReader.Open(new HttpClient { BaseAddress = gateway.HttpAddress }, $"/api/v1/districts/{district}/events");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        var snapshot = JsonParser.Default.Parse<StatusEvent>((await stream.NextNotHeartbeat()).Data);
        Assert.Equal(StatusEventKind.Snapshot, snapshot.Kind);
        Assert.Equal(report.Cycle, snapshot.Status.Cycle);
        Assert.Equal(WorkedExample.LimitKw, snapshot.Status.LimitKw);
    }
}

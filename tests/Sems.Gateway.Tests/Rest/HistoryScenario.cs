using System.Net;
using Sems.Contracts;

namespace Sems.Gateway.Tests.Rest;

/// <summary>
/// A silo and gateway of their own (the scenario moves the fake clock) with two cycles of the worked example run: cycle
/// 0 at the epoch under the file's 100 kW, then a 40 kW limit from 00:15 set over REST, the clock moved 15 min and
/// cycle 1 run under it. <see cref="Reports"/> are the coordinator's reports of both, read through the grains.
/// </summary>
public sealed class HistoryScenario : IAsyncLifetime
{
    public const string District = "rest-history";

    public GatewayFixture Gateway { get; } = new();

    public IReadOnlyList<CoordinationCycleReport> Reports { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Gateway.InitializeAsync();
        await Gateway.Load(GatewayFixture.Example("two-subsystems-limit.json"), District);
        var coordinator = Gateway.Grains.GetGrain<IDistrictCoordinatorGrain>(District);
        await coordinator.RunCycle();
        var dso = Gateway.Http(Gateway.Token("dso-h", ["status.read", "limits.write"], [District]));
        var limit = await dso.PostJson($"/api/v1/districts/{District}/limits", $$"""
            { "resource": "electricity", "start": "2022-11-01T00:15:00Z", "resolution": "900s", "importMaxKw": [40, 40, 40, 40],
              "requestId": "{{Guid.NewGuid()}}" }
            """);
        Assert.Equal(HttpStatusCode.OK, limit.Status);
        Gateway.Clock.Advance(TimeSpan.FromMinutes(15));
        await coordinator.RunCycle();
        Reports = await coordinator.GetReports(10);
    }

    public Task DisposeAsync() => Gateway.DisposeAsync();
}

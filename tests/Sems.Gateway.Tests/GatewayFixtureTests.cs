using Grpc.Core;
using Sems.Api.V1;
using Sems.Contracts;

namespace Sems.Gateway.Tests;

/// <summary>The in-process silo + gateway answers over real loopback sockets: gRPC with a token, 401/UNAUTHENTICATED without.</summary>
public sealed class GatewayFixtureTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_status_after_a_cycle_carries_the_worked_examples_coordinated_plan()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "smoke");
        await fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district).RunCycle();
        var client = new GridConstraints.GridConstraintsClient(fixture.Channel(fixture.Token("dso-a", districts: [district])));

        var status = await client.GetStatusAsync(new GetStatusRequest { District = district, Resource = "electricity" });

        // Ptot [70, 110, 110, 70] kW under 100 kW: the heat network gives up 10 kW at steps 1–2 (allowance rule).
        Assert.Equal([70.0, 100, 100, 70], status.PlannedImportKw.Select(v => Math.Round(v, 6)));
        Assert.Equal([100.0, 100, 100, 100], status.LimitKw);
        Assert.Equal([30.0, 0, 0, 30], status.HeadroomKw.Select(v => Math.Round(v, 6)));
        Assert.Equal(Compliance.AtRisk, status.Compliance);
        Assert.Equal(2, status.Subsystems.Count);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        var client = new GridConstraints.GridConstraintsClient(fixture.Channel(null));
        var e = await Assert.ThrowsAsync<RpcException>(() => client.GetStatusAsync(new GetStatusRequest { District = "smoke" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }
}

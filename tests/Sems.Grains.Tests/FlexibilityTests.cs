using Sems.Contracts;

namespace Sems.Grains.Tests;

/// <summary>
/// A subsystem grain's flexibility after a coordination cycle of the worked example (Δt = 0.25 h): the heat network's
/// heat pump (COP 3, electricity 0.15 GBP/kWh: 0.05 per kWh of heat) beats its boiler (η 0.9, gas 0.06: 0.0667 per
/// kWh of heat) and is tightened to P̄max = [50, 10, 10, 50] kW, so its plan held draws [20, 10, 10, 20] kW.
/// </summary>
public sealed class FlexibilityTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    [Fact]
    public async Task The_plan_held_is_analysed_with_the_limits_it_was_made_under()
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("flex");
        Assert.Empty(await coordinator.Configure(Districts.Example("two-subsystems-limit.json"), ClusterFixture.Epoch));
        await coordinator.RunCycle();

        var flex = await fixture.Grains.GetGrain<ISubsystemGrain>("flex/heat-network").GetFlexibility("electricity");

        Assert.NotNull(flex);
        Assert.Equal(("heat-network", "electricity", 0, ClusterFixture.Epoch, 15), (flex.SubsystemId, flex.Resource, flex.Cycle, flex.PlanStart, flex.StepMinutes));
        Assert.Equal([20.0, 10, 10, 20], flex.PlannedKw.Select(v => Math.Round(v, 6)));
        // Floor: at Pmax 0 kW the boiler makes all 60 kW of heat (66.7 kW of gas ≤ 200): every kW can come down at once.
        Assert.True(flex.FloorAtLimit);
        Assert.Equal([20.0, 10, 10, 20], flex.DownKw.Select(v => Math.Round(v, 6)));
        // Ceiling: 3 kW of heat per kW and a demand of exactly 60 kW of heat hold steps 0 and 3 at 20 kW; steps 1–2 sit
        // at the tightened 10 kW. Nothing can go up, at any price.
        Assert.Equal([0.0, 0, 0, 0], flex.UpKw);
        Assert.All(flex.MarginalCostUpPerKwh, c => Assert.Equal(double.PositiveInfinity, c));
        // A kWh less is 3 kWh of heat from the boiler instead: 3·0.06/0.9 − 0.15 = 0.05 GBP per kWh at every step.
        Assert.All(flex.MarginalCostDownPerKwh, c => Assert.Equal(0.05, c, 9));
        Assert.Equal(("GBP", "GBP per kWh"), (flex.Currency, flex.CostUnit));
    }

    [Fact]
    public async Task A_resource_not_drawn_is_refused_by_name_and_no_plan_means_no_answer()
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("flex-refused");
        Assert.Empty(await coordinator.Configure(Districts.Example("two-subsystems-limit.json"), ClusterFixture.Epoch));
        await coordinator.RunCycle();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Grains.GetGrain<ISubsystemGrain>("flex-refused/ev-hub").GetFlexibility("gas"));
        Assert.StartsWith("resource: \"gas\" is not drawn by any supply of subsystem ev-hub (it draws electricity)", e.Message, StringComparison.Ordinal);
        Assert.Null(await fixture.Grains.GetGrain<ISubsystemGrain>("flex-never-planned/heat-network").GetFlexibility("electricity"));
    }
}

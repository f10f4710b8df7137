using System.Text.Json.Nodes;
using Sems.Contracts;
using Sems.Engine.Coordination;
using Sems.Engine.Districts;

namespace Sems.Grains.Tests;

/// <summary>
/// The coordinator in economic mode on examples/two-feeders.json (feeder-a 60 kW, substation 100 kW): price rounds
/// through the subsystem grains' priced solves, the repair through their re-solves, Algorithm 1 on what remains. Checked
/// against the centralised reference solved in-process (one joint LP), which no coordination can beat.
/// </summary>
public sealed class EconomicModeTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    [Fact]
    public async Task Economic_mode_holds_every_node_limit_near_the_centralised_optimum()
    {
        var file = JsonNode.Parse(Districts.Example("two-feeders.json"))!.AsObject();
        file["coordination"] = new JsonObject { ["mode"] = "economic", ["maxRounds"] = 20 };
        var json = file.ToJsonString();
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("econ-feeders");
        Assert.Empty(await coordinator.Configure(json, ClusterFixture.Epoch));
        Assert.Equal("economic", (await coordinator.GetInfo())!.Mode);
        var report = await coordinator.RunCycle();

        Assert.Equal("economic", report.Mode);
        Assert.NotNull(report.PriceRounds);
        Assert.InRange(report.PriceRounds!.Value, 1, 20);
        Assert.NotNull(report.EconomicGap);
        Assert.All(report.Nodes, n => Assert.All(n.Value, r => Assert.Equal(0.0, r.Value.ViolationAfterKwh, 9)));
        // Before: the plans' own draws (feeder-a [50, 80, 60, 50] kW, by hand from the file).
        Assert.Equal([50.0, 80, 60, 50], report.Nodes["feeder-a"]["electricity"].DrawBeforeKw.Select(v => Math.Round(v, 6)));
        Assert.All(report.Subsystems, s => Assert.True(s.HasPlan, s.SubsystemId));
        // Every subsystem is an LP, so the repair within its allocation always succeeds (docs/coordination.md) and
        // leaves Algorithm 1 nothing to visit.
        Assert.All(report.Subsystems, s => Assert.True(s.Resolved && s.Accepted, $"{s.SubsystemId}: {s.Outcome} {s.Note}"));
        Assert.Equal(0, report.Rounds);
        var feederA = report.Subsystems.Where(s => s.SubsystemId is "heat-network" or "ev-hub").Select(s => s.CountedDrawKw["electricity"]).ToList();
        for (var i = 0; i < 4; i++) Assert.True(feederA.Sum(d => d[i]) <= 60 + 1e-6);

        var reference = CentralisedPlanner.Reference(DistrictReader.Read(json).District!);
        Assert.True(reference.HasPlans);
        var best = reference.Plans.Sum(p => p.Objective);
        var coordinated = report.Subsystems.Sum(s => s.Objective);
        Assert.True(coordinated >= best - 1e-6, $"coordinated {coordinated} below the reference {best}");
        Assert.True(coordinated <= best + 0.01 * Math.Abs(best), $"coordinated {coordinated} more than 1 % above the reference {best}");
    }
}

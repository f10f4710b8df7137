using System.Text.Json.Nodes;
using Sems.Contracts;
using Sems.Engine.Coordination;
using Sems.Engine.Districts;

namespace Sems.Grains.Tests;

/// <summary>
/// The risk margin through the node-coordinator hierarchy (plans arrive as digests, re-solves in parallel batches):
/// the worked example twice (4 subsystems, 200 kW) with σ per subsystem gives the engine's plan, margin and cost.
/// </summary>
public sealed class RiskMarginHierarchyTests(HierarchyCluster fixture) : IClassFixture<HierarchyCluster>
{
    private static readonly IEqualityComparer<double> Close = new ToleranceComparer(1e-5);

    [Fact]
    public async Task The_hierarchy_carries_each_subsystems_uncertainty_and_plans_as_the_engine_does()
    {
        // σ 3, 4, 3, 4 kW: √(9 + 16 + 9 + 16) = 7.071068 kW; p = 0.9 (z 1.281552): margin 9.062 kW.
        var district = JsonNode.Parse(TwoExamples.ManyWorkedExamples(2))!.AsObject();
        district["coordination"] = new JsonObject { ["mode"] = "priority", ["riskLevel"] = 0.9 };
        var subsystems = district["subsystems"]!.AsArray();
        for (var k = 0; k < subsystems.Count; k++) subsystems[k]!["uncertainty"] = new JsonObject { ["electricity"] = k % 2 == 0 ? 3 : 4 };
        var json = district.ToJsonString();

        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("risk-hierarchy");
        Assert.Empty(await coordinator.Configure(json, ClusterFixture.Epoch));
        var report = await coordinator.RunCycle();
        var local = await LocalCoordinator.RunAsync(DistrictReader.Read(json).GetDistrictOrThrow());

        var root = report.RootNode;
        Assert.All(report.Risk!.MarginKw[root]["electricity"], m => Assert.Equal(1.2815515655446004 * Math.Sqrt(50), m, 5));
        Assert.Equal(local.Report.DrawAfterKw["electricity"], report.DrawAfterKw["electricity"], Close);
        Assert.Equal(local.Report.Risk!.ObjectiveCost!.Value, report.Risk.ObjectiveCost!.Value, 5);
        Assert.True(report.Risk.ObjectiveCost > 0, "the margin must bind for the comparison to mean something");
    }
}

using Orleans.Runtime;
using Sems.Contracts;
using Sems.Engine.Coordination;
using Sems.Engine.Districts;

namespace Sems.Grains.Tests;

/// <summary>A district spread over two silos coordinates to the same result as the pure algorithm in one process.</summary>
public sealed class TwoSiloTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    [Fact]
    public async Task Subsystems_on_different_silos_reach_the_same_result()
    {
        var json = TwoExamples.ManyWorkedExamples(copies: 8);
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("two-silos");
        Assert.Empty(await coordinator.Configure(json, ClusterFixture.Epoch));
        var report = await coordinator.RunCycle();

        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var subsystemGrains = statistics.Where(s => s.GrainId.Type.ToString()!.Contains("subsystem", StringComparison.OrdinalIgnoreCase)
            && s.GrainId.Key.ToString()!.StartsWith("two-silos/", StringComparison.Ordinal)).ToList();
        Assert.Equal(16, subsystemGrains.Count);
        var silos = subsystemGrains.Select(s => s.SiloAddress).Distinct().Count();
        Assert.Equal(2, fixture.Cluster.GetActiveSilos().Count());
        // Subsystem grains are placed at random: all 16 on one of two silos has probability 2·2⁻¹⁶ ≈ 3·10⁻⁵.
        Assert.True(silos == 2, $"the 16 subsystem grains were placed on {silos} silo(s)");

        var local = await LocalCoordinator.RunAsync(DistrictReader.Read(json).GetDistrictOrThrow());
        Assert.Equal(local.Report.Resolves, report.Resolves);
        Assert.Equal(local.Report.DrawAfterKw["electricity"], report.DrawAfterKw["electricity"], new ToleranceComparer(1e-6));
        Assert.Equal(local.Report.ViolationAfterKwh["electricity"], report.ViolationAfterKwh["electricity"], 6);
        foreach (var outcome in local.Report.Participants)
        {
            var grain = report.Subsystems.Single(s => s.SubsystemId == outcome.Id);
            Assert.Equal((outcome.Resolved, outcome.Resolved && outcome.Accepted), (grain.Resolved, grain.Resolved && grain.Accepted));
        }
    }
}

using System.Text.Json.Nodes;
using Sems.Contracts;
using Sems.Engine.Coordination;
using Sems.Engine.Districts;

namespace Sems.Grains.Tests;

/// <summary>
/// A grid district coordinates in parallel priority mode (re-solves proposed in batches, then settled): four heat
/// networks h1–h4 (priorities 1–4, 20 kW each by plan, down to 0 kW on their boilers) on feeder-a (50 kW), the EV hub
/// ([50, 90, 90, 50] kW) on feeder-b, 200 kW at the substation. By hand (allowance rule, priority order): feeder-a
/// draws 80 kW; h1 gets max(0, 50 − (80 − 20)) = 0 kW, then h2 50 − (60 − 20) = 10 kW, and the feeder holds at 50 kW.
/// </summary>
public sealed class ParallelPriorityTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    [Fact]
    public async Task Parallel_batches_give_the_sequential_result_and_every_subsystem_holds_the_plan_that_was_counted()
    {
        var json = District();
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("parallel-feeders");
        Assert.Empty(await coordinator.Configure(json, ClusterFixture.Epoch));
        var report = await coordinator.RunCycle();

        Assert.Equal(Algorithm1.ParallelPriorityMode, report.Mode);
        var draws = report.Subsystems.ToDictionary(s => s.SubsystemId, s => s.CountedDrawKw["electricity"].Select(v => Math.Round(v, 6)).ToArray());
        Assert.Equal([0.0, 0, 0, 0], draws["h1"]);
        Assert.Equal([10.0, 10, 10, 10], draws["h2"]);
        Assert.Equal([20.0, 20, 20, 20], draws["h3"]);
        Assert.Equal([20.0, 20, 20, 20], draws["h4"]);
        Assert.Equal(0.0, report.Nodes["feeder-a"]["electricity"].ViolationAfterKwh, 9);

        // The engine's sequential Algorithm 1, in process, on the same file: the same plans.
        var sequential = await LocalCoordinator.RunAsync(DistrictReader.Read(json).District!);
        foreach (var plan in sequential.Final)
            Assert.Equal(plan.DrawKw["electricity"].Select(v => Math.Round(v, 5)), report.Subsystems.Single(s => s.SubsystemId == plan.Id).CountedDrawKw["electricity"].Select(v => Math.Round(v, 5)));

        // Proposals change no plan; the used ones were settled: each subsystem holds what Ptot counted for it.
        foreach (var s in report.Subsystems)
        {
            var held = await fixture.Grains.GetGrain<ISubsystemGrain>($"parallel-feeders/{s.SubsystemId}").GetPlan();
            Assert.Equal(s.CountedDrawKw["electricity"].Select(v => Math.Round(v, 6)), held!.DrawKw["electricity"].Select(v => Math.Round(v, 6)));
        }
    }

    private static string District()
    {
        var file = Districts.WorkedExample();
        file["name"] = "parallel-feeders";
        file.Remove("districtLimits");
        var subsystems = file["subsystems"]!.AsArray();
        var heat = subsystems[0]!.AsObject();
        var ev = subsystems[1]!.DeepClone().AsObject();
        subsystems.Clear();
        for (var k = 1; k <= 4; k++)
        {
            var copy = heat.DeepClone().AsObject();
            copy["id"] = $"h{k}";
            copy["priority"] = k;
            copy["node"] = "feeder-a";
            subsystems.Add(copy);
        }

        ev["priority"] = 5;
        ev["node"] = "feeder-b";
        subsystems.Add(ev);
        file["grid"] = JsonNode.Parse("""
            { "nodes": [
                { "id": "substation", "limits": { "electricity": { "importMax": 200 } } },
                { "id": "feeder-a", "parent": "substation", "limits": { "electricity": { "importMax": 50 } } },
                { "id": "feeder-b", "parent": "substation" } ] }
            """);
        return file.ToJsonString();
    }
}

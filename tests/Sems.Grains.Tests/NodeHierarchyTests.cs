using System.Text.Json.Nodes;
using Sems.Contracts;
using Sems.Contracts.Definitions;
using Sems.Engine.Districts;

namespace Sems.Grains.Tests;

/// <summary>
/// Plans and commits through the node coordinator hierarchy (fan-out 4, 2 calls in flight). The district: the worked
/// example's heat network (priority 1, 20 kW by plan, down to 0 kW on its boiler) and three EV hubs of fixed 10, 11 and
/// 12 kW on feeder-a (limit 40 kW), five EV hubs of 1–5 kW on feeder-b (split into groups of 4 and 1), 60 kW at the
/// substation. By hand: feeder-a draws 20 + 33 = 53 kW, so the heat network is allowed 40 − 33 = 7 kW; the substation
/// then draws 7 + 33 + 15 = 55 kW ≤ 60 kW.
/// </summary>
public sealed class NodeHierarchyTests(HierarchyCluster fixture) : IClassFixture<HierarchyCluster>
{
    private static readonly double[] FeederAEv = [10, 11, 12];
    private static readonly double[] FeederBEv = [1, 2, 3, 4, 5];

    [Fact]
    public async Task A_grid_district_plans_and_commits_through_its_node_coordinators_with_bounded_calls_in_flight()
    {
        const string key = "hier-grid";
        var definition = Definition(key);
        foreach (var s in definition.Subsystems) fixture.Hook.Group($"{key}/{s.Id}", s.Node!);
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(key);
        Assert.Empty(await coordinator.Configure(definition, ClusterFixture.Epoch));
        var report = await coordinator.RunCycle();

        Assert.All(report.Subsystems, s => Assert.True(s.HasPlan, $"{s.SubsystemId}: {s.Outcome} {s.Note}"));
        var draw = report.Subsystems.ToDictionary(s => s.SubsystemId, s => s.CountedDrawKw["electricity"].Select(v => Math.Round(v, 6)).ToArray());
        Assert.Equal([7.0, 7, 7, 7], draw["heat-network"]);
        for (var k = 0; k < FeederAEv.Length; k++) Assert.Equal(Enumerable.Repeat(FeederAEv[k], 4), draw[$"ev-a{k}"]);
        for (var k = 0; k < FeederBEv.Length; k++) Assert.Equal(Enumerable.Repeat(FeederBEv[k], 4), draw[$"ev-b{k}"]);
        Assert.Equal([53.0, 53, 53, 53], report.Nodes["feeder-a"]["electricity"].DrawBeforeKw.Select(v => Math.Round(v, 6)));
        Assert.Equal([40.0, 40, 40, 40], report.Nodes["feeder-a"]["electricity"].DrawAfterKw.Select(v => Math.Round(v, 6)));
        Assert.Equal([15.0, 15, 15, 15], report.Nodes["feeder-b"]["electricity"].DrawAfterKw.Select(v => Math.Round(v, 6)));
        Assert.Equal([55.0, 55, 55, 55], report.DrawAfterKw["electricity"].Select(v => Math.Round(v, 6)));

        // Set-points: what every subsystem's own plan holds for step 0, read from the subsystem grains.
        var expected = 0;
        foreach (var s in definition.Subsystems) expected += (await fixture.Grains.GetGrain<ISubsystemGrain>($"{key}/{s.Id}").GetPlan())!.FirstStep.Count;
        Assert.True(expected > 0);
        Assert.Equal(expected, report.SetpointsCommitted);
        // Each node's own subsystems never had more than 2 plan calls outstanding (feeder-a has 4 of its own).
        Assert.InRange(fixture.Hook.MaxOf("feeder-a"), 1, HierarchyCluster.InFlight);
        // feeder-b's five are called through two groups (4 + 1), each with at most 2 outstanding: never all five at once.
        Assert.InRange(fixture.Hook.MaxOf("feeder-b"), 1, 2 * HierarchyCluster.InFlight);
    }

    [Fact]
    public async Task A_subsystem_that_throws_inside_the_hierarchy_fails_alone_and_counts_its_peak()
    {
        const string key = "hier-fault";
        fixture.Hook.Throw($"{key}/ev-b4", "meter offline");
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(key);
        Assert.Empty(await coordinator.Configure(Definition(key), ClusterFixture.Epoch));
        var report = await coordinator.RunCycle();

        var failed = report.Subsystems.Single(s => s.SubsystemId == "ev-b4");
        Assert.Equal("failed", failed.Outcome);
        Assert.Contains("meter offline", failed.Note, StringComparison.Ordinal);
        Assert.All(report.Subsystems.Where(s => s.SubsystemId != "ev-b4"), s => Assert.True(s.HasPlan, s.SubsystemId));
        // Without a plan ever, ev-b4 counts its peak: its grid supply's 200 kW. feeder-b: 1 + 2 + 3 + 4 + 200 = 210 kW.
        Assert.Equal([200.0, 200, 200, 200], failed.CountedDrawKw["electricity"]);
        Assert.Equal([210.0, 210, 210, 210], report.Nodes["feeder-b"]["electricity"].DrawBeforeKw.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public async Task A_node_coordinator_answers_per_subsystem_arrays_and_its_subtrees_sums()
    {
        const string key = "hier-agg";
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(key);
        Assert.Empty(await coordinator.Configure(Definition(key), ClusterFixture.Epoch));
        var layout = new NodeLayout("substation", [], [new NodeLayout("feeder-a", ["ev-a0", "ev-a1"], []), new NodeLayout("feeder-b", ["ev-b0"], [])]);
        var batch = await fixture.Grains.GetGrain<INodeCoordinatorGrain>($"{key}/substation")
            .Plan(layout, new NodePlanCall(0, 1, TimeSpan.FromSeconds(30), ["electricity", "gas"], 2));

        Assert.Equal(["ev-a0", "ev-a1", "ev-b0"], batch.Plans.Select(p => p.Id).Order(StringComparer.Ordinal));
        var a0 = batch.Plans.Single(p => p.Id == "ev-a0");
        Assert.Null(a0.Failure);
        Assert.Equal([10.0, 10, 10, 10], a0.DrawKw[0]!.Select(v => Math.Round(v, 6)));
        Assert.Null(a0.DrawKw[1]); // an EV hub draws no gas
        // Summed on the way up: feeder-a 10 + 11 kW, feeder-b 1 kW, the substation both.
        var sums = batch.Nodes.ToDictionary(n => n.Key, n => n.DrawKw[0].Select(v => Math.Round(v, 6)).ToArray());
        Assert.Equal([21.0, 21, 21, 21], sums["feeder-a"]);
        Assert.Equal([1.0, 1, 1, 1], sums["feeder-b"]);
        Assert.Equal([22.0, 22, 22, 22], sums["substation"]);
    }

    /// <summary>The district above, as the coordinator receives it.</summary>
    private static DistrictDefinition Definition(string name)
    {
        var file = Districts.WorkedExample();
        file["name"] = name;
        var subsystems = file["subsystems"]!.AsArray();
        var ev = subsystems[1]!.AsObject();
        subsystems.RemoveAt(1);
        var evs = FeederAEv.Select((kw, k) => ($"ev-a{k}", kw)).Concat(FeederBEv.Select((kw, k) => ($"ev-b{k}", kw))).ToList();
        for (var k = 0; k < evs.Count; k++)
        {
            var copy = ev.DeepClone().AsObject();
            copy["id"] = evs[k].Item1;
            copy["priority"] = k + 2;
            copy["demands"]![0]!["values"] = evs[k].kw;
            subsystems.Add(copy);
        }

        file.Remove("districtLimits");
        var json = file.ToJsonString();
        var read = DistrictReader.Read(json);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var flat = DistrictDefinitions.FromDistrict(read.District!, DistrictDefinitions.ContentHash(json));
        var none = new Dictionary<string, double[]>();
        return flat with
        {
            Grid =
            [
                new GridNodeDefinition("substation", null, new Dictionary<string, double[]> { ["electricity"] = [60, 60, 60, 60] }, none),
                new GridNodeDefinition("feeder-a", "substation", new Dictionary<string, double[]> { ["electricity"] = [40, 40, 40, 40] }, none),
                new GridNodeDefinition("feeder-b", "substation", none, none),
            ],
            Subsystems = flat.Subsystems.Select(s => s with { Node = s.Id.StartsWith("ev-b", StringComparison.Ordinal) ? "feeder-b" : "feeder-a" }).ToArray(),
        };
    }
}

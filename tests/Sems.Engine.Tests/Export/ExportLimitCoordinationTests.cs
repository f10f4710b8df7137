using Sems.Engine.Coordination;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using static Sems.Engine.Tests.Export.ExportDistricts;

namespace Sems.Engine.Tests.Export;

/// <summary>
/// exportMax at grid nodes, worked by hand. Each PV building has 10 kW of PV and a 4 kW load (retail 0.20, feed-in
/// 0.05 EUR/kWh, two steps of 1 h), so on its own it exports 6 kW at both steps. Two of them under a node with
/// exportMax 8 feed back 12 kW: 4 kW over. Algorithm 1 visits the priority-1 building first and caps its export at
/// exportMax − (what the others feed back) = 8 − 6 = 2 kW (the literal rule: 6 − 4 = 2 kW too); the node then feeds
/// back 8 kW and the priority-2 building is not touched. The centralised reference exports 8 kW in total per step as
/// well: objective −0.05·8·2 = −0.8 EUR, the coordinated objective being −0.05·(2 + 6)·2 = −0.8.
/// </summary>
public sealed class ExportLimitCoordinationTests
{
    private const double Tol = 1e-6;

    private static District TwoExporters(string limits = "{ \"electricity\": { \"exportMax\": 8 } }") =>
        Read(2, "0.20", "0.05", [PvBuilding("roof-a", 1, [10, 10], 4), PvBuilding("roof-b", 2, [10, 10], 4)],
            $$"""{ "nodes": [ { "id": "substation", "limits": {{limits}} } ] }""");

    [Theory]
    [InlineData(CoordinationRule.Allowance)]
    [InlineData(CoordinationRule.Literal)]
    public async Task Algorithm1_caps_the_first_exporter_so_the_node_feeds_back_its_export_limit(CoordinationRule rule)
    {
        var outcome = await LocalCoordinator.RunAsync(TwoExporters(), rule: rule);
        var report = outcome.Report;

        var a = report.Participants.Single(p => p.Id == "roof-a");
        Assert.True(a.Resolved);
        Assert.True(a.Accepted);
        Assert.Equal([2.0, 2], Round(a.TightenedExportMaxKw["electricity"]));
        Assert.Empty(a.TightenedMaxKw); // the node limits no import
        Assert.False(report.Participants.Single(p => p.Id == "roof-b").Resolved);
        Assert.Equal([2.0, 2], Round(outcome.Final[0].ExportKw["electricity"]));
        Assert.Equal([6.0, 6], Round(outcome.Final[1].ExportKw["electricity"]));

        var node = report.Nodes["substation"]["electricity"];
        Assert.Null(node.LimitKw);
        Assert.Equal([8.0, 8], Round(node.ExportLimitKw!));
        Assert.Equal([-12.0, -12], Round(node.DrawBeforeKw));
        Assert.Equal([-8.0, -8], Round(node.DrawAfterKw));
        Assert.Equal([4.0, 4], Round(node.ExportExcessBeforeKw));
        Assert.Equal([0.0, 0], Round(node.ExportExcessAfterKw));
        Assert.Equal(8.0, node.ExportViolationBeforeKwh, Tol); // 4 kW · 2 h
        Assert.Equal(0.0, node.ExportViolationAfterKwh, Tol);
        Assert.True(report.LimitsHold);
        Assert.Equal(-0.8, outcome.Final.Sum(r => r.Objective), Tol);
    }

    [Fact]
    public async Task Without_coordination_the_export_excess_is_reported_and_the_limits_do_not_hold()
    {
        var district = TwoExporters();
        var initial = DistrictSolver.SolveAll(district);
        var participants = district.Subsystems.Select((s, k) => LocalCoordinator.Participant(s, initial[k])).ToList();

        // A resolver that keeps every plan: what is left is the excess before coordination.
        var report = await Algorithm1.RunCappedAsync(1, 2, LimitTree.Of(district.Grid), participants,
            (p, _) => ValueTask.FromResult(new ResolvedPlan(false, p.DrawKw, "kept") { ExportKw = p.ExportKw }));

        var node = report.Nodes["substation"]["electricity"];
        Assert.Equal([4.0, 4], Round(node.ExportExcessAfterKw));
        Assert.Equal(8.0, node.ExportViolationAfterKwh, Tol);
        Assert.False(node.Holds);
        Assert.False(report.LimitsHold);
    }

    [Fact]
    public void The_centralised_reference_feeds_back_exactly_the_export_limit()
    {
        var reference = CentralisedPlanner.Reference(TwoExporters());

        Assert.True(reference.HasPlans, reference.Status.ToString());
        var total = new double[2];
        foreach (var plan in reference.Plans) for (var i = 0; i < 2; i++) total[i] += plan.ExportKw["electricity"][i];
        Assert.Equal([8.0, 8], Round(total));
        Assert.Equal(-0.8, reference.Plans.Sum(p => p.Objective), Tol);
        var load = Assert.Single(reference.ExportLoads);
        Assert.Equal("substation", load.NodeId);
        Assert.Equal([8.0, 8], Round(load.DrawKw));
        Assert.True(reference.LimitsHold);
    }

    [Fact]
    public async Task The_parallel_priority_mode_gives_the_sequential_answer()
    {
        var sequential = await LocalCoordinator.RunAsync(TwoExporters());
        var parallel = await LocalCoordinator.RunParallelAsync(TwoExporters(), batchSize: 2);

        Assert.Equal(Algorithm1.ParallelPriorityMode, parallel.Report.Mode);
        for (var k = 0; k < 2; k++)
            Assert.Equal(Round(sequential.Final[k].ExportKw["electricity"]), Round(parallel.Final[k].ExportKw["electricity"]));
        Assert.Equal(Round(sequential.Report.Nodes["substation"]["electricity"].DrawAfterKw), Round(parallel.Report.Nodes["substation"]["electricity"].DrawAfterKw));
        Assert.True(parallel.Report.LimitsHold);
    }

    /// <summary>
    /// Nested: roof-a (priority 1) and roof-b (2) on feeder-a (exportMax 8), roof-c (3) on feeder-b (no limit), the
    /// substation exportMax 11. Before: feeder-a feeds back 12 (4 over), the substation 18 (7 over). roof-a's cap is the
    /// tightest on its path: min(8 − 12 + 6, 11 − 18 + 6) = min(2, −1) → max(0, −1) = 0 kW. Then feeder-a feeds 6 and the
    /// substation 12 (1 over); roof-b: min(8 − 6 + 6, 11 − 12 + 6) = min(8, 5) = 5 kW. The substation then feeds 11 and
    /// roof-c, with nothing in excess left, is not visited. Exports 0 + 5 + 6 = 11 kW per step: −0.05·11·2 = −1.1 EUR,
    /// which is also the reference's optimum (at most 11 kW can be fed back in total).
    /// </summary>
    [Fact]
    public async Task Nested_export_limits_bind_the_tightest_node_on_each_path()
    {
        var district = Read(2, "0.20", "0.05",
            [PvBuilding("roof-a", 1, [10, 10], 4, "feeder-a"), PvBuilding("roof-b", 2, [10, 10], 4, "feeder-a"), PvBuilding("roof-c", 3, [10, 10], 4, "feeder-b")],
            """
            { "nodes": [
                { "id": "substation", "limits": { "electricity": { "exportMax": 11 } } },
                { "id": "feeder-a", "parent": "substation", "limits": { "electricity": { "exportMax": 8 } } },
                { "id": "feeder-b", "parent": "substation" } ] }
            """);

        var outcome = await LocalCoordinator.RunAsync(district);
        var report = outcome.Report;

        Assert.Equal([0.0, 0], Round(report.Participants.Single(p => p.Id == "roof-a").TightenedExportMaxKw["electricity"]));
        Assert.Equal([5.0, 5], Round(report.Participants.Single(p => p.Id == "roof-b").TightenedExportMaxKw["electricity"]));
        Assert.False(report.Participants.Single(p => p.Id == "roof-c").Resolved);
        Assert.Equal([0.0, 0], Round(outcome.Final[0].ExportKw["electricity"]));
        Assert.Equal([5.0, 5], Round(outcome.Final[1].ExportKw["electricity"]));
        Assert.Equal([6.0, 6], Round(outcome.Final[2].ExportKw["electricity"]));
        Assert.Equal([-5.0, -5], Round(report.Nodes["feeder-a"]["electricity"].DrawAfterKw));
        Assert.Equal([-11.0, -11], Round(report.Nodes["substation"]["electricity"].DrawAfterKw));
        Assert.True(report.LimitsHold);
        Assert.Equal(-1.1, outcome.Final.Sum(r => r.Objective), Tol);

        var reference = CentralisedPlanner.Reference(district);
        Assert.True(reference.LimitsHold);
        Assert.Equal(-1.1, reference.Plans.Sum(p => p.Objective), Tol);
    }

    /// <summary>
    /// importMax bounds the net draw: an EV hub drawing 10 kW and a PV building feeding back 6 kW share a root with
    /// importMax 5. The net draw is 10 − 6 = 4 kW ≤ 5: nothing is in excess and nobody is re-solved (counting imports
    /// alone, 10 kW, would have been 5 kW over).
    /// </summary>
    [Fact]
    public async Task The_import_limit_holds_the_net_draw_of_the_subtree()
    {
        var district = Read(2, "0.20", "0.05", [EvHub("ev-hub", 1, 10), PvBuilding("roof", 2, [10, 10], 4)],
            """{ "nodes": [ { "id": "substation", "limits": { "electricity": { "importMax": 5 } } } ] }""");

        var outcome = await LocalCoordinator.RunAsync(district);

        var node = outcome.Report.Nodes["substation"]["electricity"];
        Assert.Equal([4.0, 4], Round(node.DrawBeforeKw));
        Assert.Equal([0.0, 0], Round(node.ExcessBeforeKw));
        Assert.Equal(0, outcome.Report.Resolves);
        Assert.True(outcome.Report.LimitsHold);
        // EV 0.20·10·2 = 4.0; the roof earns 0.05·6·2 = 0.6.
        Assert.Equal(3.4, outcome.Final.Sum(r => r.Objective), Tol);
        var reference = CentralisedPlanner.Reference(district);
        Assert.True(reference.LimitsHold);
        Assert.Equal(3.4, reference.Plans.Sum(p => p.Objective), Tol);
    }
}

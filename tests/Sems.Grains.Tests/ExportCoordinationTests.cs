using Sems.Contracts;
using Sems.Contracts.Definitions;
using Sems.Engine.Coordination;
using Sems.Engine.Districts;

namespace Sems.Grains.Tests;

/// <summary>
/// Exports through the grains. PV roofs: PV (solar ≤ 10 kW available), a 4 kW load, grid import at 0.20 EUR/kWh and an
/// export of power into the electricity grid, hourly steps. Worked by hand: each roof alone feeds back its 6 kW surplus
/// wherever the feed-in pays; under a node's exportMax of 8 kW the first in priority order is capped at 8 − 6 = 2 kW.
/// </summary>
public sealed class ExportCoordinationTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private static string Roof(string id, int priority, string pvKw = "10", string exportMaxKw = "20", string? node = null) => $$"""
        { "id": "{{id}}", "priority": {{priority}}{{(node is null ? "" : $", \"node\": \"{node}\"")}}, "resources": { "solar": { "max": {{pvKw}} } },
          "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 20 } ] },
                        { "id": "pv", "conversions": [ { "resource": "solar", "energyType": "power", "efficiency": 1, "max": 20 } ] } ],
          "demands": [ { "id": "load", "kind": "series", "energyType": "power", "values": 4 } ],
          "exports": [ { "id": "pv-export", "resource": "electricity", "energyType": "power", "max": {{exportMaxKw}} } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    private static string File(string name, int steps, string feedIn, string grid, params string[] subsystems) => $$"""
        { "name": "{{name}}", "currency": "EUR", "stepMinutes": 60, "horizonSteps": {{steps}},
          "factors": { "cost": { "electricity": 0.20 } }, "exportFactors": { "cost": { "electricity": {{feedIn}} } },
          "grid": {{grid}},
          "subsystems": [ {{string.Join(", ", subsystems)}} ] }
        """;

    /// <summary>
    /// A substation without limits over a feeder with exportMax 8 kW holding both roofs: a grid of two nodes plans
    /// through the node coordinators, so Algorithm 1 runs in mode priority-parallel (proposals, then settling).
    /// </summary>
    private static readonly string Feeder = File("export-feeder", 2, "0.05",
        """{ "nodes": [ { "id": "substation" }, { "id": "feeder", "parent": "substation", "limits": { "electricity": { "exportMax": 8 } } } ] }""",
        Roof("roof-a", 1, node: "feeder"), Roof("roof-b", 2, node: "feeder"));

    [Fact]
    public async Task Parallel_priority_caps_the_first_exporter_and_every_roof_holds_the_plan_that_was_counted()
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("export-feeder");
        Assert.Empty(await coordinator.Configure(Feeder, ClusterFixture.Epoch));
        var report = await coordinator.RunCycle();

        Assert.Equal(Algorithm1.ParallelPriorityMode, report.Mode);
        var a = report.Subsystems.Single(s => s.SubsystemId == "roof-a");
        var b = report.Subsystems.Single(s => s.SubsystemId == "roof-b");
        Assert.Equal("tightened", a.Outcome);
        Assert.Equal([2.0, 2], Round(a.TightenedExportMaxKw["electricity"]));
        Assert.Equal([2.0, 2], Round(a.CountedExportKw["electricity"]));
        Assert.Equal("planned", b.Outcome);
        Assert.Equal([6.0, 6], Round(b.CountedExportKw["electricity"]));

        // Node totals are net draws: −12 kW before, −8 kW after; the substation sees the same, unlimited.
        var feeder = report.Nodes["feeder"]["electricity"];
        Assert.Equal([-12.0, -12], Round(feeder.DrawBeforeKw));
        Assert.Equal([-8.0, -8], Round(feeder.DrawAfterKw));
        Assert.Equal([8.0, 8], Round(feeder.ExportLimitKw!));
        Assert.Equal([4.0, 4], Round(feeder.ExportExcessBeforeKw));
        Assert.Equal(8.0, feeder.ExportViolationBeforeKwh, 6);
        Assert.Equal(0.0, feeder.ExportViolationAfterKwh, 9);
        Assert.Equal([-8.0, -8], Round(report.Nodes["substation"]["electricity"].DrawAfterKw));
        Assert.Null(report.Nodes["substation"]["electricity"].ExportLimitKw);

        // The engine's sequential Algorithm 1 in process (RunCappedAsync over the solver): the same exports.
        var engine = await LocalCoordinator.RunAsync(DistrictReader.Read(Feeder).GetDistrictOrThrow());
        foreach (var plan in engine.Final)
            Assert.Equal(Round(plan.ExportKw["electricity"]), Round(report.Subsystems.Single(s => s.SubsystemId == plan.Id).CountedExportKw["electricity"]));

        // Proposals change no plan; the used one was settled under its export caps: each roof holds what was counted.
        foreach (var s in report.Subsystems)
        {
            var held = await fixture.Grains.GetGrain<ISubsystemGrain>($"export-feeder/{s.SubsystemId}").GetPlan();
            Assert.Equal(Round(s.CountedExportKw["electricity"]), Round(held!.ExportKw["electricity"]));
            var result = await fixture.Grains.GetGrain<ISubsystemGrain>($"export-feeder/{s.SubsystemId}").GetResult();
            Assert.Equal(Round(s.CountedExportKw["electricity"]), Round(result!.Exports["pv-export"]));
        }
    }

    [Fact]
    public async Task The_feed_in_tariff_and_the_export_bounds_shift_with_the_horizon()
    {
        // PV [10, 4, 4, 4] kW: a 6 kW surplus at step 0 only. Feed-in [0.05, 0.01, 0.01, 0.01] EUR/kWh, export max
        // [20, 20, 20, 0] kW. Cycle 0 sells 6 kW at step 0: 0.05·6·1 = 0.30 EUR. Cycle 1 plans steps 1…4, the series
        // read as a day repeating: PV [4, 4, 4, 10], feed-in [0.01, 0.01, 0.01, 0.05], export max [20, 20, 0, 20], so it
        // sells 6 kW at its step 3 for 0.30 EUR again. Without the feed-in shifted it would earn 0.01·6 = 0.06; without
        // the export max shifted it could not sell at step 3 at all.
        var json = File("export-receding", 4, "[0.05, 0.01, 0.01, 0.01]", """{ "nodes": [ { "id": "substation" } ] }""",
            Roof("roof", 1, pvKw: "[10, 4, 4, 4]", exportMaxKw: "[20, 20, 20, 0]"));
        var start = fixture.Clock.GetUtcNow();
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("export-receding");
        Assert.Empty(await coordinator.Configure(json, start));
        var roof = fixture.Grains.GetGrain<ISubsystemGrain>("export-receding/roof");

        var first = await coordinator.RunCycle();
        var plan0 = (await roof.GetPlan())!;
        fixture.Clock.Advance(TimeSpan.FromMinutes(60));
        var second = await coordinator.RunCycle();
        var plan1 = (await roof.GetPlan())!;

        Assert.Equal((0, 1), (first.Cycle, second.Cycle));
        Assert.Equal([6.0, 0, 0, 0], Round(plan0.ExportKw["electricity"]));
        Assert.Equal(0.30, plan0.Terms!.ExportValueByFactor["cost"], 9);
        Assert.Equal([0.0, 0, 0, 6], Round(plan1.ExportKw["electricity"]));
        Assert.Equal(0.30, plan1.Terms!.ExportValueByFactor["cost"], 9);
        Assert.Equal([-6.0, 0, 0, 0], Round(first.Nodes["substation"]["electricity"].DrawAfterKw));
        Assert.Equal([0.0, 0, 0, -6], Round(second.Nodes["substation"]["electricity"].DrawAfterKw));
    }

    [Fact]
    public void A_definition_sent_with_bad_exports_is_refused_with_the_messages_of_the_reader()
    {
        // The same mistakes in a file (through the reader) and in a definition sent over the wire.
        const string badRoof = """
            { "id": "roof", "priority": 1, "resources": { "solar": { "max": 10 } },
              "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 20 } ] },
                            { "id": "pv", "conversions": [ { "resource": "solar", "energyType": "power", "efficiency": 1, "max": 20 } ] } ],
              "demands": [ { "id": "load", "kind": "series", "energyType": "power", "values": 4 } ],
              "exports": [ { "id": "pv-export", "resource": "gas", "energyType": "heat", "min": [3, 0], "max": [-5, 20] },
                           { "id": "load", "resource": "electricity", "energyType": "power", "min": [0, 7], "max": [20, 5] } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
            """;
        var read = DistrictReader.Read(File("bad-exports", 2, "0.05", """{ "nodes": [ { "id": "substation" } ] }""", badRoof));
        Assert.False(read.IsValid);
        var expected = read.Errors.Select(e => e.ToString()).Where(e => e.StartsWith("subsystems[0].exports", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);

        var valid = DistrictDefinitions.FromDistrict(DistrictReader.Read(Feeder).GetDistrictOrThrow(), "0000000000000000");
        Assert.Empty(DistrictDefinitions.Problems(valid));
        var roof = valid.Subsystems[0] with
        {
            Node = null,
            Exports =
            [
                new ExportDefinition("pv-export", "gas", "heat", [3, 0], [-5, 20]),
                new ExportDefinition("load", "electricity", "power", [0, 7], [20, 5]),
            ],
        };
        var bad = valid with { Subsystems = [roof], Grid = [] };
        var problems = DistrictDefinitions.Problems(bad).Where(p => p.StartsWith("subsystems[0].exports", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, problems);

        // Export factors only for a resource that some export feeds, as the reader says it.
        var factors = valid with
        {
            Shared = valid.Shared with
            {
                ExportFactors = new Dictionary<string, IReadOnlyDictionary<string, double[]>> { ["cost"] = new Dictionary<string, double[]> { ["heat"] = [0.1, 0.1] } },
            },
        };
        Assert.Contains("exportFactors.cost.heat: \"heat\" is not a resource that any export feeds (exported: \"electricity\")", DistrictDefinitions.Problems(factors));
        var shortSeries = valid with { Subsystems = [valid.Subsystems[0] with { Exports = [new ExportDefinition("pv-export", "electricity", "power", [0], [20])] }, valid.Subsystems[1]] };
        Assert.Contains("subsystems[0].exports[0].max: an array of 1 numbers is not a series: expected one number or exactly 2 numbers (horizonSteps)", DistrictDefinitions.Problems(shortSeries));
    }

    private static double[] Round(IReadOnlyList<double> values) => values.Select(v => Math.Round(v, 6) + 0.0).ToArray();
}

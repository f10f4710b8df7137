using Sems.Engine.Coordination;
using Sems.Engine.Districts;
using Sems.Engine.Model;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// Algorithm 1 on nested limits with the real subsystem solver: heat networks with a heat pump (COP 3, at most 30 kW
/// electricity, 0.15/kWh: 0.05 per kWh of heat) and a gas boiler (η 0.9, 0.06/kWh: 0.0667 per kWh of heat), so under an
/// electricity cap the heat pump draws min(heat/3, 30, cap) and the boiler covers the rest; and EV hubs whose fixed
/// charging demand cannot be moved.
/// </summary>
public sealed class NestedLimitsSolverTests
{
    internal static string HeatNetwork(string id, int priority, double heatKw, double minKw = 0) => $$"""
        { "id": "{{id}}", "priority": {{priority}},
          "resources": { "electricity": { "min": {{minKw}}, "max": 1000 } },
          "supplies": [
            { "id": "heat-pump", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 3, "min": 0, "max": 30 } ] },
            { "id": "gas-boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "min": 0, "max": 500 } ] } ],
          "demands": [ { "id": "space-heat", "kind": "series", "energyType": "heat", "values": {{heatKw}} } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    internal static string EvHub(string id, int priority, double[] chargeKw) => $$"""
        { "id": "{{id}}", "priority": {{priority}},
          "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "min": 0, "max": 500 } ] } ],
          "demands": [ { "id": "chargers", "kind": "series", "energyType": "power", "values": [{{string.Join(", ", chargeKw.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}}] } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    /// <summary>A district read through the real reader, then given a grid and each subsystem its node.</summary>
    internal static District WithGrid(int steps, IReadOnlyList<string> subsystems, IReadOnlyList<GridNode> nodes, IReadOnlyDictionary<string, string?> nodeOf)
    {
        var json = $$"""
            { "name": "nested", "stepMinutes": 15, "horizonSteps": {{steps}},
              "factors": { "cost": { "electricity": 0.15, "gas": 0.06 } }, "districtLimits": {},
              "subsystems": [ {{string.Join(",\n", subsystems)}} ] }
            """;
        var read = DistrictReader.Read(json);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        var district = read.District!;
        return district with
        {
            DistrictLimits = nodes[0].ImportMaxKw,
            Grid = new GridTopology(nodes),
            Subsystems = district.Subsystems.Select(s => s with { Node = nodeOf[s.Id] }).ToList(),
        };
    }

    internal static GridNode Node(string id, string? parent, double[]? electricityKw) =>
        new(id, parent, electricityKw is null
            ? new Dictionary<string, Series>(StringComparer.Ordinal)
            : new Dictionary<string, Series>(StringComparer.Ordinal) { ["electricity"] = Series.Of(electricityKw) },
            new Dictionary<string, Series>(StringComparer.Ordinal));

    [Fact]
    public async Task Feeder_and_substation_limits_with_real_resolves()
    {
        // Before: hn-a1 (feeder A, heat 60) HP 20 kW; ev-a2 (A) [30, 30]; hn-b1 (feeder B, heat 90) HP 30 kW; ev-b2 (B) [40, 60].
        // Feeder A [50, 50] over its [40, 60] → excess [10, 0]; feeder B (no limit) [70, 90];
        // substation [120, 140] over its [200, 125] → excess [0, 15].
        // hn-a1 (Pmin 15): P̄max step 0 max(15, min(A 40 − 30, S 200 − 100)) = 15, step 1 max(15, min(A 60 − 30, S 125 − 120)) = 15;
        //   HP 15 kW (45 kW heat) + boiler: draws [15, 15]; A [45, 45] (excess [5, 0]), S [115, 135] (excess [0, 10]).
        // hn-b1 (only S on its path limits): P̄max [200 − 85, 125 − 105] = [115, 20]; HP [30, 20]; S [115, 125]: holds.
        // ev-a2: P̄max step 0 min(A 40 − 15, S 200 − 85) = 25 < its 30 kW of charging: infeasible, keeps [30, 30];
        //   feeder A stays 5 kW over at step 0: 5·0.25 = 1.25 kWh. ev-b2: nothing on its path in excess, not re-solved.
        var district = WithGrid(2,
            [HeatNetwork("hn-a1", 1, 60, minKw: 15), HeatNetwork("hn-b1", 2, 90), EvHub("ev-a2", 3, [30, 30]), EvHub("ev-b2", 4, [40, 60])],
            [Node("substation", null, [200, 125]), Node("feeder-a", "substation", [40, 60]), Node("feeder-b", "substation", null)],
            new Dictionary<string, string?> { ["hn-a1"] = "feeder-a", ["ev-a2"] = "feeder-a", ["hn-b1"] = "feeder-b", ["ev-b2"] = "feeder-b" });

        var outcome = await LocalCoordinator.RunAsync(district);
        var report = outcome.Report;

        Assert.Equal([15.0, 15], Round(report.Participants.Single(p => p.Id == "hn-a1").TightenedMaxKw["electricity"]));
        Assert.Equal([115.0, 20], Round(report.Participants.Single(p => p.Id == "hn-b1").TightenedMaxKw["electricity"]));
        var ev = report.Participants.Single(p => p.Id == "ev-a2");
        Assert.Equal([25.0, 30], Round(ev.TightenedMaxKw["electricity"]));
        Assert.True(ev.Resolved);
        Assert.False(ev.Accepted);
        Assert.Contains("kept its last feasible plan", ev.Note);
        Assert.False(report.Participants.Single(p => p.Id == "ev-b2").Resolved);

        Assert.Equal([15.0, 15], Round(outcome.Final.Single(r => r.Id == "hn-a1").DrawKw["electricity"]));
        Assert.Equal([30.0, 20], Round(outcome.Final.Single(r => r.Id == "hn-b1").DrawKw["electricity"]));
        Assert.Equal([45.0, 45], Round(report.Nodes["feeder-a"]["electricity"].DrawAfterKw));
        Assert.Equal([5.0, 0], Round(report.Nodes["feeder-a"]["electricity"].ExcessAfterKw));
        Assert.Equal(1.25, report.Nodes["feeder-a"]["electricity"].ViolationAfterKwh, 6);
        Assert.Equal([115.0, 125], Round(report.DrawAfterKw["electricity"]));
        Assert.Equal(0.0, report.ViolationAfterKwh["electricity"], 6);
        Assert.Null(report.Nodes["feeder-b"]["electricity"].LimitKw);
        Assert.False(report.LimitsHold);
    }

    private static double[] Round(IReadOnlyList<double> values) => values.Select(v => Math.Round(v, 6)).ToArray();
}

using Sems.Engine.Model;
using Sems.Engine.Mpc;
using static Sems.Engine.Tests.Export.ExportDistricts;

namespace Sems.Engine.Tests.Export;

/// <summary>
/// <see cref="SubsystemSession.ResolveTightened"/> with export caps, warm in GLOP, against cold solves of the same
/// problem built with <see cref="Subsystem.WithExportCap"/> and <see cref="Subsystem.WithResourceMax"/>. A battery
/// building over four hourly steps (buy 0.10, 0.30, 0.10, 0.30; sell 0, 0.25, 0, 0.25 EUR/kWh; PV [0, 8, 0, 8] kW,
/// load 2 kW) exports as much as its bounds allow when uncapped, so every cap below binds somewhere. By hand, a cap of
/// 0 kW at every step forbids selling: the plan then only buys at 0.10 to serve the load at 0.30 through the battery
/// or not at all, and earns nothing.
/// </summary>
public sealed class WarmExportCapTests
{
    private const double Relative = 1e-7;

    private const string Building = """
        { "id": "battery-house", "priority": 1, "resources": { "solar": { "max": [0, 8, 0, 8] } },
          "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 20 } ], "feedsStores": true },
                        { "id": "pv", "conversions": [ { "resource": "solar", "energyType": "power", "efficiency": 1, "max": 20 } ], "feedsStores": true } ],
          "stores": [ { "id": "battery", "energyType": "power", "socMin": 0, "socMax": 10, "socInitial": 0,
                        "chargeEfficiency": 0.9, "dischargeEfficiency": 0.9, "chargeMax": 10, "dischargeMax": 10 } ],
          "demands": [ { "id": "load", "kind": "series", "energyType": "power", "values": 2 } ],
          "exports": [ { "id": "to-grid", "resource": "electricity", "energyType": "power", "max": 20 } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    private static District District() => Read(4, "[0.10, 0.30, 0.10, 0.30]", "[0, 0.25, 0, 0.25]", [Building]);

    [Fact]
    public void Warm_resolves_under_export_caps_equal_cold_solves()
    {
        var district = District();
        var subsystem = district.Subsystems[0];
        using var session = new SubsystemSession();
        var first = session.Solve(district, subsystem);
        var uncapped = SubsystemSolver.Solve(district, subsystem);
        Assert.True(first.Result.HasPlan);
        Assert.Equal(uncapped.Objective, first.Result.Objective, Math.Abs(uncapped.Objective) * Relative + 1e-9);
        Assert.True(uncapped.ExportKw["electricity"][1] > 5, "the uncapped plan sells at step 1, so the caps below bind");

        var caps = new[]
        {
            new double[] { 3, 3, 3, 3 },
            [0, 1.5, 0, 4],
            [0, 0, 0, 0],
        };
        foreach (var cap in caps)
        {
            var warm = session.ResolveTightened(new Dictionary<string, IReadOnlyList<double>>(), Caps(cap));
            var cold = SubsystemSolver.Solve(district, subsystem.WithExportCap("electricity", Series.Of(cap)));
            Assert.True(warm.Warm, "an LP re-solve under export caps stays warm");
            Assert.Equal(cold.Status, warm.Result.Status);
            Assert.Equal(cold.Objective, warm.Result.Objective, Math.Abs(cold.Objective) * Relative + 1e-9);
            for (var i = 0; i < 4; i++) Assert.True(warm.Result.ExportKw["electricity"][i] <= cap[i] + 1e-7, $"step {i}: {warm.Result.ExportKw["electricity"][i]} kW above the cap {cap[i]} kW");
            Assert.True(warm.Result.Objective >= uncapped.Objective - 1e-9, "a cap never makes the plan cheaper");
        }

        // With every export capped at 0 kW the plan earns nothing from exports (by hand).
        var none = session.ResolveTightened(new Dictionary<string, IReadOnlyList<double>>(), Caps([0, 0, 0, 0]));
        Assert.Equal(0.0, none.Result.Terms!.ExportValueByFactor.GetValueOrDefault("cost"), 9);

        // Import and export caps together, warm against cold.
        var importMax = new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = new double[] { 5, 2, 5, 2 } };
        var both = session.ResolveTightened(importMax, Caps([1, 2, 1, 2]));
        var coldBoth = SubsystemSolver.Solve(district, subsystem.WithResourceMax("electricity", Series.Of([5, 2, 5, 2])).WithExportCap("electricity", Series.Of([1, 2, 1, 2])));
        Assert.True(both.Warm);
        Assert.Equal(coldBoth.Objective, both.Result.Objective, Math.Abs(coldBoth.Objective) * Relative + 1e-9);

        // A re-solve without export caps frees the session's cap rows: the uncapped optimum again.
        var again = session.ResolveTightened(new Dictionary<string, IReadOnlyList<double>>());
        Assert.Equal(uncapped.Objective, again.Result.Objective, Math.Abs(uncapped.Objective) * Relative + 1e-9);
        var solvedAgain = session.Solve(district, subsystem);
        Assert.True(solvedAgain.Warm);
        Assert.Equal(uncapped.Objective, solvedAgain.Result.Objective, Math.Abs(uncapped.Objective) * Relative + 1e-9);
    }

    [Fact]
    public void An_export_cap_on_a_resource_the_subsystem_does_not_export_changes_nothing()
    {
        var district = District();
        using var session = new SubsystemSession();
        var first = session.Solve(district, district.Subsystems[0]);
        var resolved = session.ResolveTightened(new Dictionary<string, IReadOnlyList<double>>(), new Dictionary<string, IReadOnlyList<double>> { ["gas"] = new double[] { 0, 0, 0, 0 } });
        Assert.Equal(first.Result.Objective, resolved.Result.Objective, Math.Abs(first.Result.Objective) * Relative + 1e-9);
    }

    private static Dictionary<string, IReadOnlyList<double>> Caps(double[] capKw) => new() { ["electricity"] = capKw };
}

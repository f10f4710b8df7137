using Sems.Engine.Districts;
using Sems.Engine.Mpc;
using static Sems.Engine.Tests.Export.ExportDistricts;

namespace Sems.Engine.Tests.Export;

/// <summary>
/// A battery that may discharge to the grid, worked by hand. Two steps of 1 h, no load: buy at 0.10 (step 0) and 0.30
/// (step 1) EUR/kWh, sell at s (step 1 only). Battery 0–10 kWh, empty at the start, η_c = η_d = 0.9 (η_c·η_d = 0.81),
/// charge and discharge ≤ 10 kW. A kWh bought at step 0 returns 0.81 kWh at step 1, so arbitrage pays exactly when
/// s·0.81 > 0.10. Then it is as large as the bounds allow: charge 10 kW (SoC 9 kWh), discharge 9·0.9 = 8.1 kW, all
/// exported: profit 8.1·s − 10·0.10, objective −profit. Otherwise the battery stays idle and the objective is 0.
/// </summary>
public sealed class BatteryArbitrageTests
{
    private const double Tol = 1e-6;

    private static string Building(bool exclusive) => $$"""
        { "id": "battery-house", "priority": 1,
          "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 20 } ], "feedsStores": true } ],
          "stores": [ { "id": "battery", "energyType": "power", "socMin": 0, "socMax": 10, "socInitial": 0,
                        "chargeEfficiency": 0.9, "dischargeEfficiency": 0.9, "chargeMax": 10, "dischargeMax": 10, "exclusive": {{(exclusive ? "true" : "false")}} } ],
          "demands": [ { "id": "load", "kind": "series", "energyType": "power", "values": 0 } ],
          "exports": [ { "id": "to-grid", "resource": "electricity", "energyType": "power", "max": 20 } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    private static SubsystemResult Solve(double sellPerKwh, bool exclusive)
    {
        var district = Read(2, "[0.10, 0.30]", $"[0, {Number(sellPerKwh)}]", [Building(exclusive)]);
        return SubsystemSolver.Solve(district, district.Subsystems[0]);
    }

    [Theory]
    [InlineData(0.20, false)] // 0.20·0.81 = 0.162 > 0.10: profit 8.1·0.20 − 1.0 = 0.62
    [InlineData(0.15, false)] // 0.1215 > 0.10: profit 1.215 − 1.0 = 0.215
    [InlineData(0.20, true)] // the same with an exclusive (MILP) battery
    public void The_battery_buys_low_and_sells_high_when_the_round_trip_pays(double sell, bool exclusive)
    {
        var result = Solve(sell, exclusive);

        Assert.True(sell * 0.81 > 0.10);
        Assert.True(result.HasPlan, result.Status.ToString());
        var battery = result.Stores.Single();
        Assert.Equal([10.0, 0], Round(battery.ChargeKw));
        Assert.Equal([0.0, 8.1], Round(battery.DischargeKw));
        Assert.Equal([0.0, 9, 0], Round(battery.SocKwh));
        Assert.Equal([10.0, 0], Round(result.DrawKw["electricity"]));
        Assert.Equal([0.0, 8.1], Round(result.ExportKw["electricity"]));
        Assert.Equal([10.0, -8.1], Round(result.NetDrawKw["electricity"]));
        var profit = 8.1 * sell - 10 * 0.10;
        Assert.Equal(-profit, result.Objective, Tol);
        Assert.Equal(-profit, result.Terms!.ByFactor["cost"], Tol);
        Assert.Equal(8.1 * sell, result.Terms.ExportValueByFactor["cost"], Tol);
    }

    [Theory]
    [InlineData(0.12, false)] // 0.12·0.81 = 0.0972 < 0.10
    [InlineData(0.05, false)]
    [InlineData(0.12, true)]
    public void The_battery_stays_idle_when_the_losses_eat_the_spread(double sell, bool exclusive)
    {
        var result = Solve(sell, exclusive);

        Assert.True(sell * 0.81 < 0.10);
        Assert.True(result.HasPlan, result.Status.ToString());
        Assert.Equal([0.0, 0], Round(result.ExportKw["electricity"]));
        Assert.Equal([0.0, 0], Round(result.DrawKw["electricity"]));
        Assert.Equal(0.0, result.Objective, Tol);
    }

    [Fact]
    public void The_model_has_one_export_variable_per_step_that_leaves_the_power_balance()
    {
        var district = Read(2, "[0.10, 0.30]", "[0, 0.2]", [Building(false)]);
        var program = SubsystemModelBuilder.Build(district, district.Subsystems[0]).Program;
        var names = Enumerable.Range(0, program.VariableCount).Select(program.VariableName).ToList();

        Assert.Equal(["to-grid.exportKw[0]", "to-grid.exportKw[1]"], names.Where(n => n.Contains("exportKw", StringComparison.Ordinal)));
        for (var i = 0; i < 2; i++)
        {
            var export = names.IndexOf($"to-grid.exportKw[{i}]");
            var balance = Enumerable.Range(0, program.RowCount).Single(r => program.RowName(r) == $"powerBalanceKw[{i}]");
            Assert.Equal(-1.0, program.Row(balance).Single(t => t.Variable == export).Coefficient);
            // −φ·α·feed-in·Δt: 0 at step 0, −0.2 at step 1.
            Assert.Equal(i == 0 ? 0.0 : -0.2, program.ObjectiveCoefficient(export), 12);
        }
    }
}

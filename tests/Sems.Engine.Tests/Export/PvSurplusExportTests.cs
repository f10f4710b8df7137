using Sems.Engine.Mpc;
using static Sems.Engine.Tests.Export.ExportDistricts;

namespace Sems.Engine.Tests.Export;

/// <summary>
/// One building, worked by hand: PV 10 kW at the two noon steps (0 otherwise), a 4 kW load, retail 0.20 EUR/kWh,
/// feed-in 0.05 EUR/kWh, steps of 1 h. At night the grid covers the load: 4 kW. At noon PV covers the load and the
/// surplus 10 − 4 = 6 kW is sold (0.05 > 0, so no PV is curtailed; importing at 0.20 to sell at 0.05 never pays).
/// Cost = 0.20·(4 + 4)·1 h − 0.05·(6 + 6)·1 h = 1.60 − 0.60 = 1.00 EUR; with φ_nrg = α = 1 that is the objective.
/// </summary>
public sealed class PvSurplusExportTests
{
    private const double Tol = 1e-6;

    private static SubsystemResult Solve(string feedIn = "0.05")
    {
        var district = Read(4, "0.20", feedIn, [PvBuilding("building", 1, [0, 10, 10, 0], 4)]);
        return SubsystemSolver.Solve(district, district.Subsystems[0]);
    }

    [Fact]
    public void The_pv_surplus_is_exported_at_the_noon_steps()
    {
        var result = Solve();

        Assert.True(result.HasPlan, result.Status.ToString());
        Assert.Equal([0.0, 6, 6, 0], Round(result.ExportKw["electricity"]));
        Assert.Equal([0.0, 6, 6, 0], Round(result.Exports["pv-export"]));
        Assert.Equal([4.0, 0, 0, 4], Round(result.DrawKw["electricity"]));
        Assert.Equal([4.0, -6, -6, 4], Round(result.NetDrawKw["electricity"]));
        Assert.Equal([0.0, 10, 10, 0], Round(result.DrawKw["solar"]));
    }

    [Fact]
    public void Cost_and_objective_are_the_hand_sum_of_import_paid_less_feed_in_earned()
    {
        var result = Solve();

        Assert.Equal(1.00, result.Terms!.ByFactor["cost"], Tol);
        Assert.Equal(0.60, result.Terms.ExportValueByFactor["cost"], Tol);
        Assert.Equal(1.00, result.Terms.Energy, Tol);
        Assert.Equal(1.00, result.Objective, Tol);
        Assert.Equal(1.00, result.ModelObjective, Tol);
    }

    [Fact]
    public void Without_a_feed_in_tariff_nothing_needs_exporting_and_the_cost_is_the_import_alone()
    {
        // A zero feed-in leaves the surplus worthless: the cost is 0.20·8 = 1.60 whether it is exported or curtailed.
        var result = Solve("0");

        Assert.Equal(1.60, result.Objective, Tol);
        Assert.Equal(0.0, result.Terms!.ExportValueByFactor["cost"], Tol);
    }

    [Fact]
    public void An_export_valued_above_the_import_price_is_warned_about()
    {
        var result = Solve("0.25");

        var warning = Assert.Single(result.Warnings);
        Assert.Contains("export pv-export", warning, StringComparison.Ordinal);
        Assert.Contains("0.25 per kWh", warning, StringComparison.Ordinal);
        Assert.Contains("(0.2 per kWh)", warning, StringComparison.Ordinal);
        // Then the plan imports to export: grid 20 kW at night (4 kW to the load, 16 kW sold), PV 10 + grid 20 − 4 = 26 → export ≤ 20 at noon.
        // Night: 16 kW · (0.25 − 0.20) = 0.8 earned... minus the load's 4 kW at 0.20 = 0.8 paid: 0 per night step.
        // Noon: export 20 of (10 PV + 14 grid): 20·0.25 − 14·0.20 = 5 − 2.8 = 2.2 earned per step. Objective 0 + 0 − 2.2 − 2.2 = −4.4.
        Assert.Equal(-4.4, result.Objective, Tol);
    }
}

using Sems.Engine.Market;
using static Sems.Engine.Tests.Market.Prosumers.ProsumerCases;

namespace Sems.Engine.Tests.Market.Prosumers;

/// <summary>The prosumer MILP on cases worked by hand: PV export, battery arbitrage, exclusivity, flexible loads, caps, infeasibility, input checks.</summary>
public sealed class ProsumerSolverTests
{
    private const double Tol = 1e-6;

    private static void Series(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var t = 0; t < expected.Length; t++) Assert.Equal(expected[t], actual[t], Tol);
    }

    private static ProsumerSolution Solve(Prosumer prosumer, ProsumerRequest request, double stepHours = 1) =>
        ProsumerSolver.Solve(prosumer, stepHours, request);

    [Fact]
    public void A_pv_surplus_is_exported_when_sell_is_below_buy()
    {
        // Load 2 kW, PV 8 kW: 6 kW surplus in each of 4 quarter-hours. Exporting earns 0.05/kWh and nothing is bought,
        // so export = 6 kW and cost = −4 · 0.25 h · 6 kW · 0.05 = −0.3.
        var p = Prosumer("pv", Fill(4, 2), pvKw: Fill(4, 8));
        var s = Solve(p, Request("pv", Fill(4, 0.30), Fill(4, 0.05)), stepHours: 0.25);
        Assert.Null(s.Problem);
        Assert.All(s.Schedule!.ExportKw, e => Assert.Equal(6, e, Tol));
        Assert.All(s.Schedule.ImportKw, i => Assert.Equal(0, i, Tol));
        Assert.Equal(-0.3, s.Schedule.EnergyCost, Tol);
        Assert.Equal(0, s.Schedule.DiscomfortCost);
        Assert.All(s.Dispatch!.PvUsedKw, pv => Assert.Equal(8, pv, Tol));
        Assert.Equal(6, s.Schedule.NetSurplusKw(3), Tol);
    }

    [Fact]
    public void A_negative_sell_price_curtails_pv_instead_of_exporting()
    {
        // Exporting costs 0.02/kWh: PV is curtailed to the 2 kW load, nothing flows at the meter, cost 0.
        var p = Prosumer("pv", Fill(2, 2), pvKw: Fill(2, 8));
        var s = Solve(p, Request("pv", Fill(2, 0.30), Fill(2, -0.02)));
        Assert.All(s.Schedule!.ExportKw, e => Assert.Equal(0, e, Tol));
        Assert.All(s.Dispatch!.PvUsedKw, pv => Assert.Equal(2, pv, Tol));
        Assert.Equal(0, s.Schedule.EnergyCost, Tol);
    }

    [Fact]
    public void A_battery_buys_cheap_and_covers_the_expensive_step()
    {
        // Load 1 kW at 0.10, then 3 kW at 0.30 (sell 0.02). Delivering 3 kWh at step 1 takes 3/0.81 kWh charged at
        // step 0: a kWh delivered costs 0.10/0.81 ≈ 0.123 < 0.30, and exporting more at 0.02 does not pay.
        // charge[0] = 3/0.81, import = [1 + 3/0.81, 0], cost = 0.10·(1 + 3/0.81) against 0.10 + 0.90 without the battery.
        var p = Prosumer("b", [1, 3], battery: Battery(10));
        var s = Solve(p, Request("b", [0.10, 0.30], [0.02, 0.02]));
        Assert.Null(s.Problem);
        Assert.Equal(3 / 0.81, s.Dispatch!.ChargeKw[0], Tol);
        Assert.Equal(3, s.Dispatch.DischargeKw[1], Tol);
        Series([0, 0.9 * 3 / 0.81, 0], s.Dispatch.SocKwh);
        Assert.Equal(1 + 3 / 0.81, s.Schedule!.ImportKw[0], Tol);
        Assert.Equal(0, s.Schedule.ImportKw[1], Tol);
        Assert.Equal(0.10 * (1 + 3 / 0.81), s.Schedule.EnergyCost, Tol);
        Assert.Equal(1.0 - 0.3 / 0.81 - 0.1, 1.0 - s.Schedule.EnergyCost, Tol); // the profit over 1.0 without battery: 0.9 − 0.3/0.81
        Assert.Equal(ProsumerSolvePath.Relaxation, s.Path); // positive prices: wasting energy never pays, the relaxation is exact
    }

    [Theory]
    [InlineData(400, ProsumerSolvePath.BranchAndBound)]
    [InlineData(0, ProsumerSolvePath.Milp)]
    public void A_battery_never_charges_and_discharges_in_one_step_even_when_the_relaxation_would(int nodeLimit, ProsumerSolvePath path)
    {
        // One hour, load 1 kW, buy −0.10 (importing earns), sell −0.20. Battery 2 kWh empty, 5 kW each way, η 0.9/0.9.
        // MILP: discharging is impossible (empty), so charge to full: 2/0.9 kW, import 1 + 2/0.9, cost −0.10·(1 + 2/0.9).
        // Relaxation: charge/5 + discharge/5 ≤ 1 and 0.9·charge − discharge/0.9 ≤ 2 let it burn energy in losses:
        // charge + discharge = 5 with 0.9·(5 − d) − d/0.9 = 2 gives d = 2.5/(0.9 + 1/0.9), import 1 + 5 − 2d, a lower cost.
        var p = Prosumer("neg", [1], battery: Battery(2));
        var s = ProsumerSolver.Solve(p, 1, Request("neg", [-0.10], [-0.20]), ProsumerSolverOptions.Default with { NodeLimit = nodeLimit });
        Assert.Equal(path, s.Path);
        Assert.Equal(2 / 0.9, s.Dispatch!.ChargeKw[0], Tol);
        Assert.Equal(0, s.Dispatch.DischargeKw[0]);
        Assert.Equal(1 + 2 / 0.9, s.Schedule!.ImportKw[0], Tol);
        Assert.Equal(-0.10 * (1 + 2 / 0.9), s.Schedule.EnergyCost, Tol);
        var d = 2.5 / (0.9 + 1 / 0.9);
        Assert.Equal(-0.10 * (1 + 5 - 2 * d), s.RelaxationObjective, Tol);
    }

    [Theory]
    [InlineData(0.35, 2, 0.4, 0.7)] // start 0: 1.2; start 1: 0.8 + 0.35 = 1.15; start 2: 0.4 + 0.70 = 1.10 → 2
    [InlineData(0.45, 0, 1.2, 0.0)] // start 0: 1.2; start 1: 0.8 + 0.45 = 1.25; start 2: 0.4 + 0.90 = 1.30 → 0
    public void A_flexible_load_leaves_its_preferred_start_only_when_the_saving_exceeds_the_delay_cost(double delayCost, int start, double energyCost, double discomfort)
    {
        // A 2-step run of 2 kW, window 0…3, preferred start 0; buy 0.30, 0.30, 0.10, 0.10. Moving 2 steps saves 0.8,
        // which pays for a delay of 2 steps only below 0.4 per step.
        var load = new FlexibleLoad("washer", [2, 2], 0, 3, 0, delayCost);
        var p = Prosumer("f", Fill(4, 0), flexible: [load]);
        var s = Solve(p, Request("f", [0.30, 0.30, 0.10, 0.10], Fill(4, 0)));
        Assert.Equal([start], s.Dispatch!.StartSteps);
        Assert.Equal(energyCost, s.Schedule!.EnergyCost, Tol);
        Assert.Equal(discomfort, s.Schedule.DiscomfortCost, Tol);
        var expected = new double[4];
        expected[start] = expected[start + 1] = 2;
        Assert.Equal(expected, s.Dispatch.FlexibleKw);
        Series(expected, s.Schedule.ImportKw);
    }

    [Fact]
    public void A_flexible_load_moves_as_far_toward_the_cheap_steps_as_its_window_allows()
    {
        // The same run but its window ends at step 2: starts 0 (cost 1.2) or 1 (0.30·2 + 0.10·2 = 0.8), no delay cost.
        var load = new FlexibleLoad("washer", [2, 2], 0, 2, 0, 0);
        var p = Prosumer("f", Fill(4, 0), flexible: [load]);
        var s = Solve(p, Request("f", [0.30, 0.30, 0.10, 0.10], Fill(4, 0)));
        Assert.Equal([1], s.Dispatch!.StartSteps);
        Assert.Equal(0.8, s.Schedule!.EnergyCost, Tol);
        Assert.Equal([0, 2, 2, 0], s.Dispatch.FlexibleKw);
    }

    [Theory]
    [InlineData(400, ProsumerSolvePath.BranchAndBound)]
    [InlineData(1, ProsumerSolvePath.Milp)] // the tree needs both children: beyond one node SCIP answers
    [InlineData(0, ProsumerSolvePath.Milp)]
    public void A_flexible_load_that_a_relaxation_would_split_runs_whole(int nodeLimit, ProsumerSolvePath path)
    {
        // PV surplus 1 kW in steps 0 and 1 (sell 0, buy 0.30); a 1-step 2 kW run, window 0…1, preferred 0, no delay.
        // Half a start in each step would run on surplus alone (cost 0); a whole run in either step buys 1 kWh: 0.30.
        var load = new FlexibleLoad("pump", [2], 0, 1, 0, 0);
        var p = Prosumer("split", [0, 0], pvKw: [1, 1], flexible: [load]);
        var s = ProsumerSolver.Solve(p, 1, Request("split", [0.30, 0.30], [0, 0]), ProsumerSolverOptions.Default with { NodeLimit = nodeLimit });
        Assert.Equal(path, s.Path);
        Assert.Equal(0, s.RelaxationObjective, Tol);
        Assert.Equal(0.30, s.Schedule!.EnergyCost, Tol);
        Assert.Single(s.Dispatch!.FlexibleKw, v => v == 2);
    }

    [Fact]
    public void An_export_cap_binds_and_the_rest_of_the_pv_is_curtailed()
    {
        // 6 kW surplus but the grid takes at most 4 kW in each of 3 hours: export 4, PV used 2 + 4, cost −3 · 4 · 0.05.
        var p = Prosumer("pv", Fill(3, 2), pvKw: Fill(3, 8));
        var s = Solve(p, Request("pv", Fill(3, 0.30), Fill(3, 0.05), exportCapKw: Fill(3, 4)));
        Assert.All(s.Schedule!.ExportKw, e => Assert.Equal(4, e, Tol));
        Assert.All(s.Dispatch!.PvUsedKw, pv => Assert.Equal(6, pv, Tol));
        Assert.Equal(-0.6, s.Schedule.EnergyCost, Tol);
    }

    [Fact]
    public void An_import_cap_limits_how_much_the_battery_can_buy_cheap()
    {
        // The arbitrage case with import ≤ 3 kW at step 0: charge 3 − 1 = 2 kW, SoC 1.8 kWh, discharge 1.8·0.9 = 1.62 kW,
        // import at step 1: 3 − 1.62 = 1.38 kW. Cost 0.10·3 + 0.30·1.38 = 0.714.
        var p = Prosumer("b", [1, 3], battery: Battery(10));
        var s = Solve(p, Request("b", [0.10, 0.30], [0.02, 0.02], importCapKw: [3, 10]));
        Assert.Equal(2, s.Dispatch!.ChargeKw[0], Tol);
        Assert.Equal(1.62, s.Dispatch.DischargeKw[1], Tol);
        Series([3, 1.38], s.Schedule!.ImportKw);
        Assert.Equal(0.714, s.Schedule.EnergyCost, Tol);
    }

    [Fact]
    public void A_cap_below_what_pv_can_cover_is_reported_with_the_step_and_the_kw_short()
    {
        // Step 2: load 5 kW, PV 1 kW, import cap 3 kW: 1 kW short, and no exception.
        var p = Prosumer("short", [1, 1, 5], pvKw: [0, 0, 1]);
        var s = Solve(p, Request("short", Fill(3, 0.3), Fill(3, 0.05), importCapKw: [10, 10, 3]));
        Assert.Null(s.Schedule);
        Assert.Equal(ProsumerSolvePath.None, s.Path);
        Assert.StartsWith("infeasible: 1 kW short at step 2", s.Problem);
        Assert.Contains("import limit of 3 kW", s.Problem);
    }

    [Fact]
    public void The_shortfall_reported_is_what_remains_after_the_battery_has_helped()
    {
        // As above with a 0.5 kWh battery (η = 1): it charges 0.5 kWh at steps 0–1 and gives 0.5 kW at step 2: 0.5 kW short.
        var p = Prosumer("short", [1, 1, 5], pvKw: [0, 0, 1], battery: Battery(0.5, efficiency: 1) with { EndAtLeastInitial = false });
        var s = Solve(p, Request("short", Fill(3, 0.3), Fill(3, 0.05), importCapKw: [10, 10, 3]));
        Assert.StartsWith("infeasible: 0.5 kW short at step 2", s.Problem);
    }

    [Fact]
    public void Import_and_export_are_never_both_positive_even_at_equal_prices()
    {
        // buy = sell = 0.1: any import/export pair costs the same; the schedule nets it: PV 3 kW, load 1 kW → export 2 exactly.
        var p = Prosumer("tie", Fill(3, 1), pvKw: Fill(3, 3));
        var s = Solve(p, Request("tie", Fill(3, 0.1), Fill(3, 0.1)));
        Assert.All(s.Schedule!.ImportKw, i => Assert.Equal(0, i));
        Series([2, 2, 2], s.Schedule.ExportKw);
        Assert.Equal(-3 * 0.1 * 2, s.Schedule.EnergyCost, Tol);
    }

    [Theory]
    [InlineData("sell", "SellPerKwh[1] = 0.4")]
    [InlineData("length", "LoadKw has 2 values, the request has 3 steps")]
    [InlineData("nan", "BuyPerKwh[0] must be a finite price per kWh, got NaN")]
    [InlineData("window", "LatestEndStep = 3 must be in [EarliestStartStep = 1, 2]")]
    [InlineData("preferred", "PreferredStartStep = 2 must be a start in the window, 0…1")]
    [InlineData("soc", "SocInitialKwh must be in [SocMinKwh = 0, CapacityKwh = 2] kWh, got 3 kWh")]
    [InlineData("id", "The request is for prosumer \"other\"")]
    public void Bad_input_is_refused_naming_the_field_and_the_value(string what, string message)
    {
        var p = Prosumer("x", Fill(3, 1));
        var r = Request("x", Fill(3, 0.3), Fill(3, 0.05));
        switch (what)
        {
            case "sell": r = r with { SellPerKwh = [0.05, 0.4, 0.05] }; break;
            case "length": p = p with { LoadKw = [1, 1] }; break;
            case "nan": r = r with { BuyPerKwh = [double.NaN, 0.3, 0.3] }; break;
            case "window": p = p with { FlexibleLoads = [new FlexibleLoad("w", [1], 1, 3, 1, 0)] }; break;
            case "preferred": p = p with { FlexibleLoads = [new FlexibleLoad("w", [1, 1], 0, 2, 2, 0)] }; break;
            case "soc": p = p with { Battery = Battery(2, socInitialKwh: 3) }; break;
            case "id": r = r with { ProsumerId = "other" }; break;
        }

        var e = Assert.ThrowsAny<ArgumentException>(() => ProsumerSolver.Solve(p, 1, r));
        Assert.Contains(message, e.Message);
    }
}

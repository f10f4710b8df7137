using Sems.Engine.Flexibility;
using Sems.Engine.Mpc;

namespace Sems.Engine.Tests.Flexibility;

/// <summary>
/// One store, one grid supply and a fixed demand of 20 kW over 4 steps of 15 min (Δt = 0.25 h, so 5 kWh per step),
/// lossless, weights energy 0.5 / storage 0.5 with no store penalty: J = 0.5·Σ price·Δt·grid, so every dual is
/// 0.5·Δt = 0.125 times the money per kWh and the analyser must divide by both. Each expected value is worked by hand
/// from which step can make up a kWh that another step does not draw.
/// </summary>
public sealed class HandWorkedFlexibilityTests
{
    private const double Tol = 1e-6;
    private const double Never = double.PositiveInfinity;

    private static string Hub(double socInitial, double socMax, string terminal) => $$"""
        { "id": "hub", "priority": 1,
          "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 100 } ], "feedsStores": true } ],
          "stores": [ { "id": "battery", "energyType": "power", "socMin": 0, "socMax": {{socMax}}, "socInitial": {{socInitial}},
                        "chargeMax": 40, "dischargeMax": 40, "terminal": "{{terminal}}" } ],
          "demands": [ { "id": "load", "kind": "series", "energyType": "power", "values": 20 } ],
          "weights": { "energy": 0.5, "storage": 0.5, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    private static (SubsystemResult Plan, SubsystemFlexibility Flexibility) Analyse(string prices, string subsystem)
    {
        var district = TestDistricts.One(4, $$"""{ "cost": { "electricity": {{prices}} } }""", subsystem);
        district = district with { Currency = "GBP" };
        var plan = SubsystemSolver.Solve(district, district.Subsystems[0]);
        Assert.True(plan.HasPlan);
        return (plan, FlexibilityAnalyzer.Analyze(district, district.Subsystems[0], "electricity", MpcOptions.Default, plan));
    }

    [Fact]
    public void Energy_that_must_be_bought_has_no_joint_floor_but_each_step_prices_its_shift()
    {
        // Prices [0.10, 0.25, 0.20, 0.40] GBP/kWh; battery 10 of 20 kWh, must end with at least 10 kWh.
        // Plan: fill the battery at the cheapest step (charge 40 kW = 10 kWh → SoC 20), serve steps 1 and 3 from it,
        // buy step 2's 5 kWh: grid [60, 0, 20, 0] kW, SoC [10, 20, 15, 15, 10], J = 0.5·(0.10·15 + 0.20·5) = 1.25.
        var (plan, flex) = Analyse("[0.10, 0.25, 0.20, 0.40]", Hub(10, 20, "atLeastInitial"));
        Assert.Equal([60.0, 0, 20, 0], plan.DrawKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal(1.25, plan.ModelObjective, Tol);

        // Floor: at 0 kW the 20 kWh of demand would come from a battery that may give none of its 10 kWh away: infeasible.
        // With no step above its plan, 20 kWh must still be bought (demand 20 + SoC[4] − 10 ≥ 20), so the floor is the
        // plan itself: nothing can come down at every step at once.
        Assert.False(flex.FloorAtLimit);
        Assert.All(flex.Steps, s => Assert.Equal(0.0, s.DownKw));

        // Ceiling: with no step below the plan the battery can end full, 10 kWh more. SoC[1] = 20 already, so nothing
        // more at step 0; SoC[2] = SoC[3] = 15 leave 5 kWh between steps 1 and 2, taken at the cheaper step 2
        // (0.20 < 0.25): +20 kW; the other 5 kWh at step 3, which then serves its load from the grid: +20 kW.
        Assert.Equal([0.0, 0, 20, 20], flex.Steps.Select(s => Math.Round(s.UpKw, 6)));

        // One step alone, the others re-planned:
        // step 0 down: the kWh not charged at 0.10 is bought back at step 2 (0.20; step 1 costs 0.25): 0.10 per kWh.
        // step 2 down: the battery serves it and is refilled at step 1 (0.25), before step 2 (step 0 is full, step 3
        //   costs 0.40): 0.25 − 0.20 = 0.05 per kWh.
        // steps 1 and 3 draw 0 kW: they cannot draw less.
        Assert.Equal([0.10, Never, 0.05, Never], flex.Steps.Select(s => Round(s.MarginalCostDownPerKwh)));
        // step 0 up: the battery already charges at its 40 kW maximum and discharges 0 kW: it cannot draw more.
        // step 1 up: 0.25 bought, the battery keeps the kWh and step 2 buys one less (0.20): 0.05 per kWh.
        // step 2 up: 0.20 bought, step 0 charges one less (0.10): 0.10 per kWh.
        // step 3 up: 0.40 bought, step 2 buys one less (0.20): 0.20 per kWh.
        Assert.Equal([Never, 0.05, 0.10, 0.20], flex.Steps.Select(s => Round(s.MarginalCostUpPerKwh)));
        Assert.Equal("GBP per kWh", flex.CostUnit);
    }

    [Fact]
    public void A_battery_that_covers_the_load_lets_the_floor_reach_0_kW()
    {
        // Prices [−0.05, 0.25, 0.20, 0.40]: step 0 pays 0.05 per kWh drawn. Battery 20 of 30 kWh, no terminal target.
        // Plan: at step 0 draw the load and charge at 40 kW (SoC 30, full), serve steps 1–3 from the battery (SoC 15
        // at the end): grid [60, 0, 0, 0] kW, J = 0.5·(−0.05·15) = −0.375.
        var (plan, flex) = Analyse("[-0.05, 0.25, 0.20, 0.40]", Hub(20, 30, "none"));
        Assert.Equal([60.0, 0, 0, 0], plan.DrawKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal(-0.375, plan.ModelObjective, Tol);

        // Floor: the coordinator's Pmax of 0 kW is feasible, the battery's 20 kWh cover 4 × 5 kWh.
        Assert.True(flex.FloorAtLimit);
        Assert.Equal([60.0, 0, 0, 0], flex.Steps.Select(s => Math.Round(s.DownKw, 6)));
        // Ceiling: with no step below the plan the battery can end full, 30 − 15 = 15 kWh more. Plan SoC [20, 30, 25, 20,
        // 15]: step 0 is full; an extra X1 at step 1 needs SoC[2] = 25 + X1 ≤ 30, X1 + X2 ≤ 10 for SoC[3] ≤ 30, and
        // X1 + X2 + X3 = 15. Cheapest: X2 = 10 kWh at 0.20 (not step 1 at 0.25; 40 kW, the charge limit with the load),
        // X3 = 5 kWh at 0.40: up [0, 0, 40, 20] kW (4.00 GBP, against 4.25 for 5 kWh at each of steps 1–3).
        Assert.Equal([0.0, 0, 40, 20], flex.Steps.Select(s => Math.Round(s.UpKw, 6)));

        // step 0 down: a kWh not drawn is 0.05 not paid (the battery simply ends with less): 0.05 per kWh.
        // steps 1–3 draw 0 kW; step 0 cannot draw more (charge at its maximum, the battery then full).
        // steps 1–3 up: the kWh bought at the step's price is left in the battery at the end, nothing else can draw
        // less (step 0 is paid to draw): 0.25, 0.20, 0.40 per kWh.
        Assert.Equal([0.05, Never, Never, Never], flex.Steps.Select(s => Round(s.MarginalCostDownPerKwh)));
        Assert.Equal([Never, 0.25, 0.20, 0.40], flex.Steps.Select(s => Round(s.MarginalCostUpPerKwh)));
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 6) : value;
}

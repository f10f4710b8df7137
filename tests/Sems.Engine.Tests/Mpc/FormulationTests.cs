using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Tests.Mpc;

/// <summary>
/// Small subsystems whose optimum is worked out by hand (Δt = 0.25 h throughout) and compared with the solver's plan.
/// </summary>
public sealed class FormulationTests
{
    private const double Tol = 1e-6;

    [Fact]
    public void Boiler_meets_a_fixed_demand()
    {
        // 90 kW of heat at η = 0.9 needs 100 kW of gas; 4 steps × 100 kW × 0.25 h × 0.1/kWh = 10.
        var result = TestDistricts.SolveOne(4, """{ "cost": { "gas": 0.1 } }""", """
            { "id": "b", "priority": 1,
              "supplies": [ { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "min": 0, "max": 200 } ] } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 90 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
            """);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.All(result.DrawKw["gas"], v => Assert.Equal(100, v, Tol));
        Assert.Equal(10.0, result.Objective, Tol);
        Assert.Equal(10.0, result.Terms!.ByFactor["cost"], Tol);
    }

    [Fact]
    public void Heat_pump_and_boiler_follow_a_two_price_tariff()
    {
        // Heat cost: heat pump price/COP = 0.30/3 = 0.10 then 0.05/3 ≈ 0.0167; boiler 0.06/0.9 ≈ 0.0667 per kWh of heat.
        // Steps 0–1: boiler, 60/0.9 = 66.667 kW gas. Steps 2–3: heat pump, 60/3 = 20 kW electricity.
        // Cost = 2·66.667·0.25·0.06 + 2·20·0.25·0.05 = 2.0 + 0.5 = 2.5.
        var result = TestDistricts.SolveOne(4, """{ "cost": { "electricity": [0.30, 0.30, 0.05, 0.05], "gas": 0.06 } }""", """
            { "id": "h", "priority": 1,
              "supplies": [
                { "id": "hp", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 3, "min": 0, "max": 50 } ] },
                { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "min": 0, "max": 200 } ] } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 60 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
            """);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal([0, 0, 20, 20], result.DrawKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal(60 / 0.9, result.DrawKw["gas"][0], Tol);
        Assert.Equal(0, result.DrawKw["gas"][3], Tol);
        Assert.Equal(2.5, result.Objective, Tol);
    }

    [Fact]
    public void Thermal_store_with_losses_shifts_heating_to_the_cheap_slot()
    {
        // Demand 40 kW at steps 2–3 (10 kWh each). Discharging 10 kWh at η_d = 0.9 takes 11.111 kWh of SoC.
        // Retention 0.98 per step: SoC[3] ≥ 11.111/0.98 = 11.3379; SoC[2] ≥ (11.111 + 11.3379)/0.98 = 22.9071 kWh.
        // Charged at step 1 (η_c = 0.9): 22.9071/0.9 = 25.4523 kWh of electricity = 101.81 kW for 0.25 h, at 0.1 → 2.54523.
        // Heating directly at steps 2–3 would cost 2·40·0.25·0.5 = 10.
        var result = TestDistricts.SolveOne(4, """{ "cost": { "electricity": [0.5, 0.1, 0.5, 0.5] } }""", """
            { "id": "s", "priority": 1,
              "supplies": [ { "id": "heater", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "max": 200 } ], "feedsStores": true } ],
              "stores": [ { "id": "tank", "energyType": "heat", "socMin": 0, "socMax": 1000, "socInitial": 0,
                            "chargeEfficiency": 0.9, "dischargeEfficiency": 0.9, "retention": 0.98, "chargeMax": 200, "dischargeMax": 200 } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": [0, 0, 40, 40] } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
            """);
        var soc2 = (10 / 0.9 + 10 / 0.9 / 0.98) / 0.98;
        var chargeKw = soc2 / 0.9 / 0.25;
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(chargeKw, result.DrawKw["electricity"][1], 1e-5);
        Assert.Equal(0, result.DrawKw["electricity"][2], Tol);
        Assert.Equal(soc2, result.Stores[0].SocKwh[2], 1e-5);
        Assert.Equal(0, result.Stores[0].SocKwh[4], 1e-5);
        Assert.Equal(chargeKw * 0.25 * 0.1, result.Objective, 1e-6);
    }

    [Fact]
    public void Delayable_ev_load_moves_into_pv_hours()
    {
        // EV demand 80 kW at steps 0–1, half delayable (discharge ≤ 40 kW of a negative-capacity store).
        // Grid 40 kW at steps 0–1; the postponed 20 kWh is charged back from PV at steps 2–3 (eq. 11: PV feeds stores).
        // Cost 2·40·0.25·0.3 = 6.0 instead of 12.0.
        var result = TestDistricts.SolveOne(4, """{ "cost": { "electricity": 0.3, "solar": 0 } }""", """
            { "id": "ev", "priority": 1,
              "resources": { "solar": { "min": 0, "max": [0, 0, 100, 100] } },
              "supplies": [
                { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 500 } ], "feedsStores": true },
                { "id": "pv", "conversions": [ { "resource": "solar", "energyType": "power", "efficiency": 1, "max": [0, 0, 100, 100] } ], "feedsStores": true } ],
              "stores": [ { "id": "delay", "energyType": "power", "socMin": -100, "socMax": 0, "socInitial": 0,
                            "chargeMax": 200, "dischargeMax": [40, 40, 0, 0], "terminal": "returnToInitial" } ],
              "demands": [ { "id": "cars", "kind": "series", "energyType": "power", "values": [80, 80, 0, 0] } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
            """);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal([40, 40, 0, 0], result.DrawKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal(20, result.DrawKw["solar"].Sum() * 0.25, Tol);
        Assert.Equal(-20, result.Stores[0].SocKwh[2], Tol);
        Assert.Equal(0, result.Stores[0].SocKwh[4], Tol);
        Assert.Equal(6.0, result.Objective, Tol);
    }

    [Fact]
    public void Room_temperature_is_held_in_its_band_at_least_cost()
    {
        // x[i+1] = 0.95·x[i] + 0.2·u[i] (°C, u in kW), x0 = 21, band 20–22. Lowest heating that keeps y ≥ 20:
        // 19.95 + 0.2·u0 = 20 → u0 = 0.25; 19 + 0.2·u1 = 20 → u1 = 5; u2 = 5; u3 = 5 holds the terminal y[4] at 20.
        // Energy 0.2/kWh·0.25 h·15.25 kW = 0.7625, weighted by φ_nrg = 0.5 → 0.38125; no slack is cheaper than heat.
        var result = TestDistricts.SolveOne(4, """{ "cost": { "electricity": 0.2 } }""", """
            { "id": "room", "priority": 1,
              "supplies": [ { "id": "heater", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "max": 10 } ] } ],
              "demands": [ { "id": "zone", "kind": "stateSpace", "A": [[0.95]], "B": { "heat": [[0.2]] }, "C": [[1]], "x0": [21],
                             "band": { "lower": 20, "upper": 22, "sided": "both" }, "slackWeight": 1 } ],
              "weights": { "energy": 0.5, "storage": 0, "comfort": 0.5, "factors": { "cost": 1 } } }
            """);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal([0.25, 5, 5, 5], result.DrawKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal([21, 20, 20, 20], result.Demands[0].Outputs[0].Select(v => Math.Round(v, 6)));
        Assert.All(result.Demands[0].Slack[0], s => Assert.Equal(0, s, Tol));
        Assert.Equal(20, result.Demands[0].TerminalOutputs[0], Tol);
        Assert.Equal(0.38125, result.Objective, Tol);
    }

    [Fact]
    public void Binding_resource_limit_caps_the_heat_pump_and_the_boiler_covers_the_rest()
    {
        // Heat pump heat costs 0.15/3 = 0.05 < boiler 0.06/0.9; eq. 5 caps electricity at 10 kW → 30 kW heat,
        // the boiler covers the other 30 kW of heat with 33.333 kW of gas.
        var result = TestDistricts.SolveOne(3, """{ "cost": { "electricity": 0.15, "gas": 0.06 } }""", """
            { "id": "h", "priority": 1,
              "resources": { "electricity": { "min": 0, "max": 10 } },
              "supplies": [
                { "id": "hp", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 3, "max": 50 } ] },
                { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "max": 200 } ] } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 60 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
            """);
        Assert.All(result.DrawKw["electricity"], v => Assert.Equal(10, v, Tol));
        Assert.All(result.DrawKw["gas"], v => Assert.Equal(30 / 0.9, v, Tol));
        Assert.Equal(3 * 0.25 * (10 * 0.15 + 30 / 0.9 * 0.06), result.Objective, Tol);
    }

    private const string CommitmentSubsystem = """
        { "id": "uc", "priority": 1,
          "supplies": [
            { "id": "hp", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 2, "max": 50 } ] },
            { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "max": 300 } ] COMMITMENT } ],
          "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 20 } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    [Fact]
    public void Minimum_output_under_unit_commitment_forces_the_dearer_heat_pump()
    {
        // Without commitment the boiler is cheaper (0.05/0.9 = 0.0556 vs 0.2/2 = 0.1 per kWh heat): 22.222 kW gas.
        // With minOn 50 kW gas the boiler would make ≥ 45 kW heat against a 20 kW demand, so it must stay off and the
        // heat pump draws 10 kW: cost 4·10·0.25·0.2 = 2.0.
        const string factors = """{ "cost": { "electricity": 0.2, "gas": 0.05 } }""";
        var lp = TestDistricts.SolveOne(4, factors, CommitmentSubsystem.Replace("COMMITMENT", ""));
        var milp = TestDistricts.SolveOne(4, factors, CommitmentSubsystem.Replace("COMMITMENT", """, "commitment": { "minOn": 50 }"""));

        Assert.Equal("GLOP", lp.Solver);
        Assert.All(lp.DrawKw["gas"], v => Assert.Equal(20 / 0.9, v, Tol));
        Assert.Equal(4 * 20 / 0.9 * 0.25 * 0.05, lp.Objective, Tol);

        Assert.Equal(SolveStatus.Optimal, milp.Status);
        Assert.Equal("SCIP", milp.Solver);
        Assert.All(milp.DrawKw["gas"], v => Assert.Equal(0, v, Tol));
        Assert.All(milp.DrawKw["electricity"], v => Assert.Equal(10, v, Tol));
        Assert.Equal(2.0, milp.Objective, Tol);
        Assert.True(milp.RelativeGap <= 1e-4);
        Assert.All(milp.Supplies[1].On!, on => Assert.False(on));
    }

    [Fact]
    public void Start_costs_are_counted_once_per_start_and_minimum_up_time_holds()
    {
        // Demand 60 kW heat at steps 0–1 and 2–5; the heat pump gives at most 20 kW, so the boiler must run then.
        // At steps 2–3 demand is 0: with minUpSteps 4 (and no store) the boiler cannot stop for 2 steps and restart,
        // unless it runs at ≥ minOn, which the balance forbids; so it starts twice: start costs 2·1.5 = 3.0.
        var result = TestDistricts.SolveOne(8, """{ "cost": { "electricity": 0.2, "gas": 0.05 } }""", """
            { "id": "uc", "priority": 1,
              "supplies": [
                { "id": "hp", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 2, "max": 10 } ] },
                { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "max": 300 } ],
                  "commitment": { "minOn": 20, "minUpSteps": 2, "minDownSteps": 2, "startCost": 1.5 } } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": [60, 60, 0, 0, 60, 60, 60, 60] } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
            """);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal([true, true, false, false, true, true, true, true], result.Supplies[1].On!);
        Assert.Equal(3.0, result.Terms!.StartCosts, Tol);
        // Boiler covers what the heat pump (20 kW heat, cheaper? 0.1 vs 0.0556: no) does not: all 60 kW from gas.
        var gas = 6 * 60 / 0.9 * 0.25 * 0.05;
        Assert.Equal(gas + 3.0, result.Objective, Tol);
    }

    [Fact]
    public void Exclusive_store_cannot_charge_and_discharge_in_the_same_step()
    {
        // Paid 1/kWh to consume (price −1), one step, demand 30 kW. Store η_c = 1, η_d = 0.5, SoC ≤ 10 kWh:
        // 0.25·(ch − 2·dis) ≤ 10, u = 30 + ch − dis ≤ 100, and eq. 11 (ch ≤ u) gives dis ≤ 30.
        // LP: ch = 100, dis = 30, u = 100 kW → J = −0.25·100 = −25 (burning energy through the lossy store).
        // Exclusive: dis = 0, ch ≤ 40, u = 70 kW → J = −17.5.
        const string store = """
            { "id": "s", "priority": 1,
              "supplies": [ { "id": "heater", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "max": 100 } ], "feedsStores": true } ],
              "stores": [ { "id": "tank", "energyType": "heat", "socMin": 0, "socMax": 10, "socInitial": 0, "chargeEfficiency": 1, "dischargeEfficiency": 0.5,
                            "chargeMax": 100, "dischargeMax": 100 EXCLUSIVE } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 30 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
            """;
        const string factors = """{ "cost": { "electricity": -1 } }""";
        var free = TestDistricts.SolveOne(1, factors, store.Replace("EXCLUSIVE", ""));
        var exclusive = TestDistricts.SolveOne(1, factors, store.Replace("EXCLUSIVE", """, "exclusive": true"""));
        Assert.Equal(-25.0, free.Objective, Tol);
        Assert.Equal(-17.5, exclusive.Objective, Tol);
        Assert.Equal(0, Math.Min(exclusive.Stores[0].ChargeKw[0], exclusive.Stores[0].DischargeKw[0]), Tol);
    }

    [Fact]
    public void Storage_penalty_and_weights_enter_the_objective_as_eq_23_says()
    {
        // One step, store SoC[0] = 40 kWh with β = 0.5 per kWh per hour: J_pen = β·SoC[0]·Δt = 0.5·40·0.25 = 5 (SoC[1] is
        // outside i = 0…N−1). Energy: 10 kW heat from a boiler (η = 1) for 0.25 h at 0.1 → 0.25. J = 0.8·0.25 + 0.2·5 = 1.2.
        var result = TestDistricts.SolveOne(1, """{ "cost": { "gas": 0.1 } }""", """
            { "id": "p", "priority": 1,
              "supplies": [ { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 1, "max": 100 } ] } ],
              "stores": [ { "id": "tank", "energyType": "heat", "socMin": 0, "socMax": 100, "socInitial": 40, "chargeMax": 0, "dischargeMax": 0, "penalty": 0.5 } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 10 } ],
              "weights": { "energy": 0.8, "storage": 0.2, "comfort": 0, "factors": { "cost": 1 } } }
            """);
        Assert.Equal(0.8 * 0.25, result.Terms!.Energy, Tol);
        Assert.Equal(0.2 * 5, result.Terms.Storage, Tol);
        Assert.Equal(1.2, result.Objective, Tol);
    }
}

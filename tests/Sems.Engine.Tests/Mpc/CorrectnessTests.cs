using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Tests.Mpc;

/// <summary>
/// Hand-worked cases of the formulation's corner cases: two state-space demands on one heat supply, the last step's
/// input, the objective's units, slack far outside the band, and stores that may idle. Δt = 0.25 h unless stated.
/// </summary>
public sealed class CorrectnessTests
{
    private const double Tol = 1e-6;

    // Zone: x[i+1] = 0.9·x[i] + 0.1·u[i] (°C, u in kW of heat), x0 = 20, penalised below 20 °C.
    private const string Zone = """
        { "id": "ID", "kind": "stateSpace", "A": [[0.9]], "B": { "heat": [[0.1]] }, "C": [[1]], "x0": [20],
          "band": { "lower": 20, "upper": 30, "sided": "lower" }, "slackWeight": 10 }
        """;

    private static string Heated(params string[] zones) => $$"""
        { "id": "net", "priority": 1,
          "supplies": [ { "id": "heater", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "max": 100 } ] } ],
          "demands": [ {{string.Join(", ", zones)}} ],
          "weights": { "energy": 0.5, "storage": 0, "comfort": 0.5, "factors": { "cost": 1 } } }
        """;

    [Fact]
    public void Two_buildings_on_one_heat_network_each_need_their_own_heat()
    {
        // Each building needs 0.9·20 + 0.1·u = 20 → u = 20 kW at step 0, so the network supplies 2·20 = 40 kW.
        // (Held: heat costs 0.01·0.25 h·0.5 = 0.00125 per kW, 0.0125 per °C, against a first ε² segment of slope
        // 1 °C per °C priced 0.5·10·0.25 = 1.25 per °C.)
        var result = TestDistricts.SolveOne(2, """{ "cost": { "electricity": 0.01 } }""", Heated(Zone.Replace("ID", "a"), Zone.Replace("ID", "b")));
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(40, result.DrawKw["electricity"][0], Tol);
        Assert.Equal(20, result.Demands[0].Outputs[0][1], Tol);
        Assert.Equal(20, result.Demands[1].Outputs[0][1], Tol);
    }

    [Fact]
    public void The_last_step_heats_for_the_terminal_output()
    {
        // y[2] = 0.9·y[1] + 0.1·u[1] ≥ 20 with y[1] = 20 needs u[1] = 20 kW: the last step's input reaches y[N].
        var result = TestDistricts.SolveOne(2, """{ "cost": { "electricity": 0.01 } }""", Heated(Zone.Replace("ID", "a")));
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal([20.0, 20.0], result.DrawKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal(20, result.Demands[0].TerminalOutputs[0], Tol);
        Assert.Equal(0, result.Demands[0].TerminalSlack[0], Tol);
    }

    private static string HeldOneHour(string demand, string chargeMax, string dischargeMax) => $$"""
        { "id": "hold", "priority": 1,
          "supplies": [ { "id": "heater", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "max": 100 } ], "feedsStores": true } ],
          "stores": [ { "id": "tank", "energyType": "heat", "socMin": 0, "socMax": 100, "socInitial": 0,
                        "chargeMax": {{chargeMax}}, "dischargeMax": {{dischargeMax}}, "penalty": 0.05 } ],
          "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": {{demand}} } ],
          "weights": { "energy": 0.5, "storage": 0.5, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    [Fact]
    public void The_same_weights_give_the_same_trade_off_at_15_and_60_minute_steps()
    {
        // 10 kWh bought at 0.1 in the first step, held one hour in the store (β = 0.05 per kWh per hour), served at a
        // step priced 0.2. Storing saves 0.5·0.1 = 0.05 per kWh and costs 0.5·0.05·1 h = 0.025 per kWh: store it.
        // J = 0.5·0.1·10 + 0.5·0.05·10 kWh·1 h = 0.5 + 0.25 = 0.75 at either step length.
        // At 15 min the kWh sits in SoC for 4 steps (i = 1…4); counted per step rather than per hour it would cost 0.1
        // per kWh and the store would stay empty.
        var quarter = TestDistricts.SolveOne(5, """{ "cost": { "electricity": [0.1, 0.5, 0.5, 0.5, 0.2] } }""",
            HeldOneHour("[0, 0, 0, 0, 40]", "[40, 0, 0, 0, 0]", "[0, 0, 0, 0, 40]"));
        var hour = Hourly(HeldOneHour("[0, 10]", "[10, 0]", "[0, 10]"));

        Assert.Equal(10, quarter.Stores[0].SocKwh[1], Tol);
        Assert.Equal(10, hour.Stores[0].SocKwh[1], Tol);
        Assert.Equal(0.75, quarter.Objective, Tol);
        Assert.Equal(0.75, hour.Objective, Tol);
    }

    private static SubsystemResult Hourly(string subsystem)
    {
        var json = $$"""
            { "name": "test", "stepMinutes": 60, "horizonSteps": 2, "factors": { "cost": { "electricity": [0.1, 0.2] } },
              "subsystems": [ {{subsystem}} ] }
            """;
        var district = Sems.Engine.Districts.DistrictReader.Read(json).GetDistrictOrThrow();
        return SubsystemSolver.Solve(district, district.Subsystems[0]);
    }

    private const string Decaying = """
        { "id": "zone", "priority": 1,
          "supplies": [ { "id": "heater", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "max": 0 } ] } ],
          "demands": [ { "id": "z", "kind": "stateSpace", "A": [[A]], "B": { "heat": [[1]] }, "C": [[1]], "x0": [30],
                         "band": { "lower": 20, "upper": 22 }, "slackWeight": 1 } ],
          "weights": { "energy": 0, "storage": 0, "comfort": 1 } }
        """;

    [Fact]
    public void Slack_far_beyond_8_degrees_is_still_priced_at_least_as_its_square()
    {
        // Unheatable zone from 30 °C with A = 0.5: y = 30, 15, 7.5, 3.75, 1.875 against 20–22, ε = 8, 5, 12.5, 16.25, 18.125.
        // Exact J = 0.25·Σε² = 0.25·(64 + 25 + 156.25 + 264.0625 + 328.515625) = 209.45703125.
        // The model may over-estimate ε² by at most h²/4 = 0.25 (h = R/K = 1) for ε ≤ 8 and by (ρ−1)²/4·ε² = ε²/64
        // (ρ = 1.25) beyond it; it must never under-estimate.
        var result = TestDistricts.SolveOne(4, "{}", Decaying.Replace("[[A]]", "[[0.5]]"));
        double[] slack = [8, 5, 12.5, 16.25, 18.125];
        var bound = 0.25 * slack.Sum(e => e <= 8 ? 0.25 : e * e / 64);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(209.45703125, result.Objective, 6);
        Assert.InRange(result.ModelObjective - result.Objective, -1e-9, bound + 1e-9);
        Assert.Equal(18.125, result.MaxSlack, 9);
        Assert.False(result.SlackBeyondRange);
    }

    [Fact]
    public void Slack_beyond_the_modelled_range_is_flagged()
    {
        // A = 3 diverges: y = 30·3^i reaches 21,870 °C at i = 6, past the longest range the model extends to.
        var result = TestDistricts.SolveOne(6, "{}", Decaying.Replace("[[A]]", "[[3]]"));
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(21870 - 22, result.MaxSlack, 6);
        Assert.True(result.SlackBeyondRange);
    }

    private const string MinimumFlows = """
        { "id": "s", "priority": 1,
          "supplies": [ { "id": "heater", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "max": 100 } ], "feedsStores": true } ],
          "stores": [ { "id": "tank", "energyType": "heat", "socMin": 0, "socMax": 100, "socInitial": 0,
                        "chargeMin": 10, "chargeMax": 50, "dischargeMin": 10, "dischargeMax": 50, "exclusive": true } ],
          "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 30 } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    [Fact]
    public void An_exclusive_store_with_minimum_flows_may_idle()
    {
        // Price 1, demand 30 kW for one step, empty store. Idle: 30 kW·0.25 h = 7.5. Forced to charge ≥ 10 kW: 10.
        var result = TestDistricts.SolveOne(1, """{ "cost": { "electricity": 1 } }""", MinimumFlows);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(7.5, result.Objective, Tol);
        Assert.Equal(0, result.Stores[0].ChargeKw[0], Tol);
        Assert.Equal(0, result.Stores[0].DischargeKw[0], Tol);
    }

    [Fact]
    public void A_lossy_store_that_may_charge_and_discharge_together_is_warned_about_at_a_negative_price()
    {
        const string subsystem = """
            { "id": "s", "priority": 1,
              "supplies": [ { "id": "heater", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 1, "max": 100 } ], "feedsStores": true } ],
              "stores": [ { "id": "tank", "energyType": "heat", "socMin": 0, "socMax": 10, "socInitial": 0, "chargeEfficiency": 1, "dischargeEfficiency": 0.5,
                            "chargeMax": 100, "dischargeMax": 100 EXCLUSIVE } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 30 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
            """;
        var free = TestDistricts.SolveOne(2, """{ "cost": { "electricity": [0.2, -1] } }""", subsystem.Replace("EXCLUSIVE", ""));
        var exclusive = TestDistricts.SolveOne(2, """{ "cost": { "electricity": [0.2, -1] } }""", subsystem.Replace("EXCLUSIVE", """, "exclusive": true"""));
        var positive = TestDistricts.SolveOne(2, """{ "cost": { "electricity": 0.2 } }""", subsystem.Replace("EXCLUSIVE", ""));

        var warning = Assert.Single(free.Warnings);
        Assert.Contains("tank", warning);
        Assert.Contains("electricity", warning);
        Assert.Contains("step 1", warning);
        Assert.Empty(exclusive.Warnings);
        Assert.Empty(positive.Warnings);
    }
}

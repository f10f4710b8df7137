using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Tests.Mpc;

/// <summary>Infeasible subsystems come back with what had to give, where and by how much (worked out by hand).</summary>
public sealed class InfeasibilityExplanationTests
{
    [Fact]
    public void Undersized_boiler_is_short_on_the_heat_balance_with_supplies_at_their_maximum()
    {
        // Boiler: 100 kW gas × 0.9 = 90 kW heat; demand 102.5 kW at steps 2–3 → short by 12.5 kW.
        // Relaxing the balance (12.5) is cheaper than the boiler's max (13.9 kW gas) plus the gas limit (13.9).
        var result = TestDistricts.SolveOne(5, """{ "cost": { "gas": 0.1 } }""", """
            { "id": "b", "priority": 1,
              "resources": { "gas": { "min": 0, "max": 100 } },
              "supplies": [ { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "max": 100 } ] } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": [60, 80, 102.5, 102.5, 70] } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0 } }
            """);
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        var finding = Assert.Single(result.Infeasibility);
        Assert.Equal(ConstraintFamily.EnergyBalance, finding.Family);
        Assert.Equal((2, 3), (finding.FirstStep, finding.LastStep));
        Assert.Equal(12.5, finding.MaxAmount, 6);
        Assert.Equal("heat balance (eq. 18) short by 12.5 kW at steps 2–3: supplies at their maximum", finding.Message);
    }

    [Fact]
    public void Leaky_store_that_cannot_charge_misses_its_terminal_state_of_charge()
    {
        // SoC 50 kWh, retention 0.5, no charging (chargeMax 0): SoC[2] = 12.5 < 50 → short by 37.5 kWh.
        // Charging instead would need 150 kW above chargeMax at the last step, so the terminal condition gives.
        var result = TestDistricts.SolveOne(2, """{ "cost": { "gas": 0.1 } }""", """
            { "id": "s", "priority": 1,
              "supplies": [ { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 1, "max": 100 } ], "feedsStores": true } ],
              "stores": [ { "id": "tank", "energyType": "heat", "socMin": 0, "socMax": 100, "socInitial": 50, "retention": 0.5,
                            "chargeMax": 0, "dischargeMax": 0, "terminal": "atLeastInitial" } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 10 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0 } }
            """);
        Assert.Equal(SolveStatus.Infeasible, result.Status);
        var finding = Assert.Single(result.Infeasibility);
        Assert.Equal(ConstraintFamily.TerminalStateOfCharge, finding.Family);
        Assert.Equal(37.5, finding.MaxAmount, 6);
        Assert.Equal("tank final state of charge short of socInitial (50 kWh) by 37.5 kWh at step 2", finding.Message);
    }

    [Fact]
    public void Minimum_draw_above_what_supplies_can_take_violates_the_resource_limit()
    {
        // Pmin for gas is 50 kW but the boiler's max is 40: the least violation is eq. 5 by 10 kW at every step
        // (raising the boiler above its max would also leave 9 kW of surplus heat to violate the balance).
        var result = TestDistricts.SolveOne(3, """{ "cost": { "gas": 0.1 } }""", """
            { "id": "g", "priority": 1,
              "resources": { "gas": { "min": 50, "max": 100 } },
              "supplies": [ { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "max": 40 } ] } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 36 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0 } }
            """);
        var finding = Assert.Single(result.Infeasibility);
        Assert.Equal(ConstraintFamily.ResourceLimits, finding.Family);
        Assert.Equal("gas draw below Pmin (eq. 5) by 10 kW at steps 0–2", finding.Message);
    }

    [Fact]
    public void A_feasible_subsystem_has_no_findings()
    {
        var result = TestDistricts.SolveOne(2, """{ "cost": { "gas": 0.1 } }""", """
            { "id": "ok", "priority": 1,
              "supplies": [ { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "max": 100 } ] } ],
              "demands": [ { "id": "d", "kind": "series", "energyType": "heat", "values": 50 } ],
              "weights": { "energy": 1, "storage": 0, "comfort": 0 } }
            """);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Empty(result.Infeasibility);
    }
}

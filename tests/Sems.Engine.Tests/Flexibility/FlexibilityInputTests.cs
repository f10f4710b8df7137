using Sems.Engine.Flexibility;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Engine.Tests.Flexibility;

/// <summary>What the analyser refuses, and that it names the field and the value.</summary>
public sealed class FlexibilityInputTests
{
    private const string Subsystem = """
        { "id": "hp", "priority": 1,
          "supplies": [ { "id": "heat-pump", "conversions": [ { "resource": "electricity", "energyType": "heat", "efficiency": 3, "max": 30 } ] },
                        { "id": "boiler", "conversions": [ { "resource": "gas", "energyType": "heat", "efficiency": 0.9, "max": 200 } ] } ],
          "demands": [ { "id": "load", "kind": "series", "energyType": "heat", "values": 60 } ],
          "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } }
        """;

    private static District District() => TestDistricts.One(4, """{ "cost": { "electricity": 0.15, "gas": 0.06 } }""", Subsystem);

    [Fact]
    public void A_resource_the_subsystem_does_not_draw_is_refused_by_name()
    {
        var district = District();
        var plan = SubsystemSolver.Solve(district, district.Subsystems[0]);
        var e = Assert.Throws<ArgumentException>(() => FlexibilityAnalyzer.Analyze(district, district.Subsystems[0], "hydrogen", MpcOptions.Default, plan));
        Assert.StartsWith("resource: \"hydrogen\" is not drawn by any supply of subsystem hp (it draws electricity, gas)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_made_under_other_limits_is_refused()
    {
        // Heat pump COP 3 at 0.15 (0.05 per kWh of heat) beats the boiler (0.06/0.9 = 0.0667): the optimum draws 20 kW,
        // J = 4·0.25 h·20·0.15 = 3.0. Under Pmax 10 kW the boiler adds 30 kW of heat: J = 4·0.25·(10·0.15 + 33.33·0.06)
        // = 3.5, which is not this subsystem's optimum.
        var district = District();
        var tightened = district.Subsystems[0].WithResourceMax("electricity", Series.Constant(10, 4));
        var plan = SubsystemSolver.Solve(district, tightened);
        var e = Assert.Throws<ArgumentException>(() => FlexibilityAnalyzer.Analyze(district, district.Subsystems[0], "electricity", MpcOptions.Default, plan));
        Assert.StartsWith("plan: its objective", e.Message, StringComparison.Ordinal);

        // Analysed with the subsystem it was solved for, the same plan is accepted: no step can draw more under the cap,
        // and a kWh less is 3 kWh of heat from the boiler: 3·0.06/0.9 − 0.15 = 0.05 per kWh.
        var flex = FlexibilityAnalyzer.Analyze(district, tightened, "electricity", MpcOptions.Default, plan);
        Assert.All(flex.Steps, s => Assert.Equal(0.05, s.MarginalCostDownPerKwh, 1e-9));
        Assert.All(flex.Steps, s => Assert.Equal(double.PositiveInfinity, s.MarginalCostUpPerKwh));
    }

    [Fact]
    public void An_infeasible_plan_has_nothing_to_analyse()
    {
        var district = District();
        var starved = district.Subsystems[0] with { Supplies = [district.Subsystems[0].Supplies[0]] }; // 30 kW · COP 3 = 90 kW ≥ 60: feasible
        var capped = starved.WithResourceMax("electricity", Series.Constant(5, 4)); // 15 kW of heat < 60 kW: infeasible
        var plan = SubsystemSolver.Solve(district, capped, MpcOptions.Default with { ExplainInfeasibility = false });
        var e = Assert.Throws<ArgumentException>(() => FlexibilityAnalyzer.Analyze(district, capped, "electricity", MpcOptions.Default, plan));
        Assert.Equal("plan: subsystem hp has no plan to analyse (status infeasible) (Parameter 'plan')", e.Message);
    }
}

using Sems.Engine.Districts;
using Sems.Engine.Flexibility;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Engine.Tests.Flexibility;

/// <summary>
/// The marginal costs checked by a second method on the example districts: re-solve from scratch with one step's Pmax
/// at plan − 1 kW through the coordinator's own path (<see cref="Subsystem.WithResourceMax"/>, builder, solver) — or
/// its Pmin at plan + 1 kW — and divide the change of the solver's objective by δ·Δt = 0.25 kWh and by φ_nrg·α_cost.
/// The analyser reads one-sided duals of a 0.001 kW move instead; the two agree where the first linear piece of the
/// cost is at least 1 kW wide, which holds at the steps checked.
/// </summary>
public sealed class SecondMethodTests
{
    private const double DeltaKw = 1;
    private const double CostTolerance = 1e-4; // GBP per kWh

    public static TheoryData<string> Examples => new() { "heat-network.json", "ev-pv-hub.json" };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Moving_one_step_by_1_kW_costs_what_the_marginal_cost_says(string file)
    {
        var district = Load(file);
        var subsystem = district.Subsystems[0];
        var plan = SubsystemSolver.Solve(district, subsystem);
        var flex = FlexibilityAnalyzer.Analyze(district, subsystem, "electricity", MpcOptions.Default, plan);
        var perKwh = district.StepHours * DeltaKw * subsystem.Weights.Energy * subsystem.Weights.FactorWeight("cost");
        var bounds = subsystem.Resources["electricity"];
        var checkedDown = 0;
        var checkedUp = 0;

        foreach (var step in flex.Steps.Where(s => s.Step % 6 == 4))
        {
            var max = bounds.Max.ToArray();
            max[step.Step] = step.PlannedKw - DeltaKw;
            var down = step.PlannedKw - DeltaKw < 0 ? null : SubsystemSolver.Solve(district, subsystem.WithResourceMax("electricity", Series.Of(max)));
            if (double.IsFinite(step.MarginalCostDownPerKwh))
            {
                Assert.True(down is { HasPlan: true }, $"step {step.Step}: the analyser prices a move down that the re-solve cannot make");
                Assert.Equal((down!.ModelObjective - plan.ModelObjective) / perKwh, step.MarginalCostDownPerKwh, CostTolerance);
                checkedDown++;
            }
            else
            {
                Assert.False(down?.HasPlan ?? false, $"step {step.Step}: 1 kW less is feasible but the analyser says no move down");
            }

            var min = bounds.Min.ToArray();
            min[step.Step] = step.PlannedKw + DeltaKw;
            var raised = new Dictionary<string, ResourceBounds>(subsystem.Resources, StringComparer.Ordinal) { ["electricity"] = new ResourceBounds(Series.Of(min), bounds.Max) };
            var up = step.PlannedKw + DeltaKw > bounds.Max[step.Step] ? null : SubsystemSolver.Solve(district, subsystem with { Resources = raised });
            if (double.IsFinite(step.MarginalCostUpPerKwh))
            {
                Assert.True(up is { HasPlan: true }, $"step {step.Step}: the analyser prices a move up that the re-solve cannot make");
                Assert.Equal((up!.ModelObjective - plan.ModelObjective) / perKwh, step.MarginalCostUpPerKwh, CostTolerance);
                checkedUp++;
            }
            else
            {
                Assert.False(up?.HasPlan ?? false, $"step {step.Step}: 1 kW more is feasible but the analyser says no move up");
            }
        }

        Assert.True(checkedDown >= 3 && checkedUp + checkedDown >= 12, $"only {checkedDown} moves down and {checkedUp} up priced: too few to compare");
    }

    [Fact]
    public void A_step_that_can_postpone_its_charging_moves_for_far_less_than_its_price()
    {
        // EV hub, step 10: drawing 1 kW less postpones charging to a step about as cheap, so the first kWh costs far
        // less than the step's price (0.1051 GBP/kWh). A dual of the draw pinned at the plan may be anything between
        // the one-sided derivatives (GLOP returned 0.106 here); the analyser's must be the cost of moving down.
        var district = Load("ev-pv-hub.json");
        var subsystem = district.Subsystems[0];
        var plan = SubsystemSolver.Solve(district, subsystem);
        var flex = FlexibilityAnalyzer.Analyze(district, subsystem, "electricity", MpcOptions.Default, plan);
        var max = subsystem.Resources["electricity"].Max.ToArray();
        max[10] = plan.DrawKw["electricity"][10] - DeltaKw;
        var down = SubsystemSolver.Solve(district, subsystem.WithResourceMax("electricity", Series.Of(max)));

        var perKwh = district.StepHours * DeltaKw * subsystem.Weights.Energy;
        Assert.Equal((down.ModelObjective - plan.ModelObjective) / perKwh, flex.Steps[10].MarginalCostDownPerKwh, CostTolerance);
        Assert.True(flex.Steps[10].MarginalCostDownPerKwh < 0.01, $"{flex.Steps[10].MarginalCostDownPerKwh} GBP/kWh");
    }

    [Fact]
    public void A_heat_pump_held_by_its_commitment_plan_is_priced_against_the_running_boiler()
    {
        // boiler-commitment: where the heat pump runs at its 40 kW maximum and the committed boiler runs above its
        // 60 kW minimum, 1 kW less electricity is 3 kW of heat (COP 3) from the boiler at 0.103/0.9 GBP per kWh of heat:
        // 3·0.103/0.9 − price per kWh of electricity.
        var district = Load("boiler-commitment.json");
        var subsystem = district.Subsystems[0];
        var plan = SubsystemSolver.Solve(district, subsystem);
        var flex = FlexibilityAnalyzer.Analyze(district, subsystem, "electricity", MpcOptions.Default, plan);
        var heatPump = plan.Supplies.Single(s => s.Id == "heat-pump").Conversions[0].DrawKw;
        var boiler = plan.Supplies.Single(s => s.Id == "gas-boiler").Conversions[0].DrawKw;
        var steps = Enumerable.Range(0, district.HorizonSteps).Where(i => heatPump[i] > 40 - 1e-6 && boiler[i] > 60 + 1).ToList();

        Assert.NotEmpty(steps);
        foreach (var i in steps)
            Assert.Equal(3 * 0.103 / 0.9 - district.FactorFor("cost", "electricity", i), flex.Steps[i].MarginalCostDownPerKwh, 1e-6);
        Assert.Contains("held as planned", flex.Method, StringComparison.Ordinal);
    }

    /// <summary>Reads examples/<paramref name="file"/> of the repository, found above the test assembly's folder.</summary>
    private static District Load(string file)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "examples", file);
            if (File.Exists(path)) return DistrictReader.Read(File.ReadAllText(path)).GetDistrictOrThrow();
        }

        throw new FileNotFoundException($"examples/{file} not found above {AppContext.BaseDirectory}");
    }
}

using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Tests.Mpc;

/// <summary>
/// Over random valid subsystems, the plan obeys the paper's equations when checked from the returned trajectories
/// alone: energy balance (eq. 18), SoC dynamics (eq. 6), state dynamics (eq. 13), every bound; the objective terms
/// recomputed from the trajectories; and a second LP solver (CLP) reaches the same optimum.
/// </summary>
public sealed class PropertyTests
{
    private const double Tol = 1e-6;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Series_demand_plans_satisfy_every_equation(int seed) => Check(RandomSubsystems.Generate(seed, stateSpace: false));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void State_space_plans_satisfy_every_equation(int seed) => Check(RandomSubsystems.Generate(1000 + seed, stateSpace: true));

    [Fact]
    public void Most_random_subsystems_are_feasible_so_the_properties_are_exercised()
    {
        var feasible = Enumerable.Range(1, 40).Count(seed =>
        {
            var district = RandomSubsystems.Generate(seed, stateSpace: false);
            return SubsystemSolver.Solve(district, district.Subsystems[0]).Status == SolveStatus.Optimal;
        });
        Assert.True(feasible >= 30, $"only {feasible} of 40 random subsystems were feasible");
    }

    private static void Check(District district)
    {
        var subsystem = district.Subsystems[0];
        var result = SubsystemSolver.Solve(district, subsystem);
        if (result.Status == SolveStatus.Infeasible)
        {
            Assert.NotEmpty(result.Infeasibility);
            return;
        }

        Assert.Equal(SolveStatus.Optimal, result.Status);
        var n = district.HorizonSteps;
        var dt = district.StepHours;
        var stateSpaceTypes = subsystem.Demands.OfType<StateSpaceDemand>().SelectMany(m => m.B.Keys).ToHashSet();

        for (var i = 0; i < n; i++)
        {
            // Bounds (eqs. 3–4) and draws (eq. 25).
            var drawByResource = new Dictionary<string, double>();
            for (var s = 0; s < subsystem.Supplies.Count; s++)
            {
                for (var c = 0; c < subsystem.Supplies[s].Conversions.Count; c++)
                {
                    var conversion = subsystem.Supplies[s].Conversions[c];
                    var v = result.Supplies[s].Conversions[c].DrawKw[i];
                    Assert.InRange(v, conversion.Min[i] - Tol, conversion.Max[i] + Tol);
                    drawByResource[conversion.Resource] = drawByResource.GetValueOrDefault(conversion.Resource) + v;
                }
            }

            foreach (var (p, total) in drawByResource)
            {
                Assert.Equal(total, result.DrawKw[p][i], 1e-9);
                if (subsystem.Resources.TryGetValue(p, out var bounds)) Assert.InRange(total, bounds.Min[i] - Tol, bounds.Max[i] + Tol); // eq. 5
            }

            foreach (var q in subsystem.EnergyTypes)
            {
                var supplied = Produced(subsystem, result, q, i, feedingOnly: false);
                var net = 0.0;
                var charged = 0.0;
                for (var st = 0; st < subsystem.Stores.Count; st++)
                {
                    if (subsystem.Stores[st].EnergyType != q) continue;
                    net += result.Stores[st].DischargeKw[i] - result.Stores[st].ChargeKw[i];
                    charged += result.Stores[st].ChargeKw[i];
                }

                Assert.True(charged <= Produced(subsystem, result, q, i, feedingOnly: true) + Tol, $"eq. 11 broken for {q} at step {i}");
                if (stateSpaceTypes.Contains(q)) continue;
                var demand = subsystem.Demands.OfType<SeriesDemand>().Where(d => d.EnergyType == q).Sum(d => d.Values[i]);
                Assert.Equal(demand, supplied + net, Tol); // eq. 18
            }
        }

        for (var st = 0; st < subsystem.Stores.Count; st++)
        {
            var store = subsystem.Stores[st];
            var plan = result.Stores[st];
            Assert.Equal(store.SocInitial, plan.SocKwh[0], Tol); // eq. 7
            for (var i = 0; i < n; i++)
            {
                var expected = store.Retention * plan.SocKwh[i] - dt * plan.DischargeKw[i] / store.DischargeEfficiency + dt * store.ChargeEfficiency * plan.ChargeKw[i];
                Assert.Equal(expected, plan.SocKwh[i + 1], Tol); // eq. 6
                Assert.InRange(plan.SocKwh[i + 1], store.SocMin - Tol, store.SocMax + Tol); // eq. 8
                Assert.InRange(plan.ChargeKw[i], store.ChargeMin[i] - Tol, store.ChargeMax[i] + Tol); // eq. 10
                Assert.InRange(plan.DischargeKw[i], store.DischargeMin[i] - Tol, store.DischargeMax[i] + Tol); // eq. 9
            }

            if (store.Terminal == StoreTerminal.AtLeastInitial) Assert.True(plan.SocKwh[n] >= store.SocInitial - Tol);
            if (store.Terminal == StoreTerminal.ReturnToInitial) Assert.Equal(store.SocInitial, plan.SocKwh[n], Tol);
        }

        for (var m = 0; m < subsystem.Demands.Count; m++)
        {
            if (subsystem.Demands[m] is not StateSpaceDemand zone) continue;
            var y = result.Demands[m].Outputs[0];
            Assert.Equal(zone.X0[0], y[0], Tol); // eq. 15 (C = 1)
            for (var i = 0; i + 1 < n; i++)
            {
                var input = zone.B.Sum(b => b.Value[0] * Produced(subsystem, result, b.Key, i, feedingOnly: false) + b.Value[0] * StoreNet(subsystem, result, b.Key, i));
                var expected = zone.A[0][0] * y[i] + input + zone.E.Sum(e => e.Value[0] * subsystem.Disturbances[e.Key][i]);
                Assert.Equal(expected, y[i + 1], 1e-5); // eq. 13
            }
        }

        // Objective terms recomputed from the trajectories (eqs. 19–23).
        var cost = 0.0;
        foreach (var (p, draw) in result.DrawKw)
        {
            for (var i = 0; i < n; i++) cost += district.FactorFor("cost", p, i) * dt * draw[i];
        }

        Assert.Equal(cost, result.Terms!.ByFactor["cost"], 1e-6);
        Assert.Equal(result.Terms.Energy + result.Terms.Storage + result.Terms.Comfort, result.Objective, 1e-9);

        // Within the slack range R the ε² model over-estimates by at most φ_slack·γ·R²/(4K²) per step and output.
        var zones = subsystem.Demands.Select((d, m) => (Zone: d as StateSpaceDemand, Plan: result.Demands[m])).Where(z => z.Zone is not null).ToList();
        if (zones.All(z => z.Plan.Slack.All(s => s.Max() <= MpcOptions.Default.SlackRange)))
        {
            var bound = zones.Sum(z => subsystem.Weights.Comfort * z.Zone!.SlackWeight * n * z.Zone.OutputCount)
                * new SquaredSlackApproximation(MpcOptions.Default.SlackSegments, MpcOptions.Default.SlackRange).MaxError;
            Assert.InRange(result.ModelObjective - result.Objective, -1e-6, bound + 1e-6);
        }

        // A second, independent LP solver reaches the same optimum of the same model.
        var model = SubsystemModelBuilder.Build(district, subsystem);
        var clp = OrToolsSolver.Solve(model.Program, SolverSettings.Default with { LpSolver = "CLP" });
        Assert.Equal(SolveStatus.Optimal, clp.Status);
        Assert.Equal(result.ModelObjective, clp.Objective, Math.Max(1e-6, 1e-7 * Math.Abs(clp.Objective)));
    }

    private static double Produced(Subsystem subsystem, SubsystemResult result, string q, int i, bool feedingOnly)
    {
        var total = 0.0;
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            if (feedingOnly && !subsystem.Supplies[s].FeedsStores) continue;
            for (var c = 0; c < subsystem.Supplies[s].Conversions.Count; c++)
            {
                var conversion = subsystem.Supplies[s].Conversions[c];
                if (conversion.EnergyType == q) total += conversion.Efficiency[i] * result.Supplies[s].Conversions[c].DrawKw[i];
            }
        }

        return total;
    }

    private static double StoreNet(Subsystem subsystem, SubsystemResult result, string q, int i) =>
        subsystem.Stores.Select((store, st) => store.EnergyType == q ? result.Stores[st].DischargeKw[i] - result.Stores[st].ChargeKw[i] : 0).Sum();
}

using Sems.Engine.Districts;
using Sems.Engine.Horizon;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Tests.Mpc;

/// <summary>
/// A warm session against cold solves of the same problems, built from scratch by <see cref="SubsystemSolver"/> (a new
/// solver, presolve on): after one-step shifts of the receding horizon, under tightened limits, with a price (against a
/// district whose cost factor carries the price, an independent construction), and across structure changes.
/// </summary>
public sealed class SubsystemSessionTests
{
    private const double Relative = 1e-6;

    public static TheoryData<string> ExampleFiles() =>
        new("heat-network.json", "ev-pv-hub.json", "boiler-commitment.json", "two-subsystems-limit.json", "infeasible-boiler.json");

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Shifted_cycles_solved_warm_equal_cold_solves(string file)
    {
        var district = Load(file);
        for (var s = 0; s < district.Subsystems.Count; s++)
        {
            using var session = new SubsystemSession();
            SubsystemResult? previous = null;
            Subsystem? previousSubsystem = null;
            for (var cycle = 0; cycle < 4; cycle++)
            {
                var (d, subsystem) = Cycle(district, s, cycle, previousSubsystem, previous);
                var cold = SubsystemSolver.Solve(d, subsystem);
                var warm = session.Solve(d, subsystem);
                AssertSame(cold, warm.Result, $"{file} {subsystem.Id} cycle {cycle}");
                var lp = !SubsystemModelBuilder.Build(d, subsystem).Program.HasIntegers;
                Assert.Equal(lp && cycle > 0, warm.Warm);
                if (lp) Assert.True(warm.Iterations >= 0);
                (previous, previousSubsystem) = (warm.Result, subsystem);
            }

            Assert.Equal(SubsystemModelBuilder.Build(district, district.Subsystems[s]).Program.HasIntegers ? 0 : 1, session.ColdLoads);
        }
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Tightened_resolve_equals_a_cold_solve_with_the_tightened_limits(string file)
    {
        var district = Load(file);
        for (var s = 0; s < district.Subsystems.Count; s++)
        {
            using var session = new SubsystemSession();
            var first = session.Solve(district, district.Subsystems[s]);
            if (!first.Result.HasPlan) continue;
            var (d, subsystem) = Cycle(district, s, 1, district.Subsystems[s], first.Result);
            var plan = session.Solve(d, subsystem).Result;
            Assert.True(plan.HasPlan);
            var resource = plan.DrawKw.OrderByDescending(x => x.Value.Sum()).First().Key;
            var max = Tightening(subsystem, resource, plan.DrawKw[resource], 0.8);

            var warm = session.ResolveTightened(new Dictionary<string, IReadOnlyList<double>> { [resource] = max });
            var cold = SubsystemSolver.Solve(d, subsystem.WithResourceMax(resource, Series.Of(max)));
            AssertSame(cold, warm.Result, $"{file} {subsystem.Id} tightened {resource}");
            Assert.Equal(!SubsystemModelBuilder.Build(d, subsystem).Program.HasIntegers, warm.Warm);
            if (cold.HasPlan)
            {
                for (var i = From(d.HorizonSteps); i <= To(d.HorizonSteps); i++) Assert.True(warm.Result.DrawKw[resource][i] <= max[i] + 1e-6, $"step {i}: {warm.Result.DrawKw[resource][i]} kW above {max[i]} kW");
                Assert.True(warm.Result.ModelObjective >= plan.ModelObjective - 1e-9 * Math.Abs(plan.ModelObjective));
            }

            // Tighter still, then the untightened problem again: the session's own limits are undone.
            var tighter = Tightening(subsystem, resource, plan.DrawKw[resource], 0.5);
            AssertSame(SubsystemSolver.Solve(d, subsystem.WithResourceMax(resource, Series.Of(tighter))),
                session.ResolveTightened(new Dictionary<string, IReadOnlyList<double>> { [resource] = tighter }).Result, $"{file} tighter");
            AssertSame(plan, session.Solve(d, subsystem).Result, $"{file} untightened again");
        }
    }

    [Theory]
    [InlineData("heat-network.json")]
    [InlineData("ev-pv-hub.json")]
    [InlineData("boiler-commitment.json")]
    [InlineData("two-subsystems-limit.json")]
    public void Priced_solve_equals_a_cold_solve_with_the_price_in_the_cost_factor(string file)
    {
        var district = Load(file);
        for (var s = 0; s < district.Subsystems.Count; s++)
        {
            var subsystem = district.Subsystems[s];
            using var session = new SubsystemSession();
            var plan = session.Solve(district, subsystem).Result;
            var resource = plan.DrawKw.OrderByDescending(x => x.Value.Sum()).First().Key;
            // λ per kWh: 0.2 during steps 30–50 (a price signal against the peak), 0.01 elsewhere.
            var price = Enumerable.Range(0, district.HorizonSteps).Select(i => i >= From(district.HorizonSteps) && i <= To(district.HorizonSteps) ? 0.2 : 0.01).ToArray();
            var priced = session.SolvePriced(new Dictionary<string, IReadOnlyList<double>> { [resource] = price, ["not-drawn"] = price });

            // Independently: φ_nrg·α_cost·(cost + λ/(φ_nrg·α_cost))·Δt·v = (the unpriced term) + λ·Δt·v.
            var scale = subsystem.Weights.Energy * subsystem.Weights.FactorWeight("cost");
            var costs = district.Factors["cost"].ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
            var current = costs.TryGetValue(resource, out var c) ? c : Series.Constant(0, district.HorizonSteps);
            costs[resource] = Series.Of(Enumerable.Range(0, district.HorizonSteps).Select(i => current[i] + price[i] / scale));
            var factors = district.Factors.ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
            factors["cost"] = costs;
            var cold = SubsystemSolver.Solve(district with { Factors = factors }, subsystem);

            Assert.True(cold.HasPlan);
            var term = Enumerable.Range(0, district.HorizonSteps).Sum(i => price[i] * district.StepHours * cold.DrawKw[resource][i]);
            Assert.Equal(cold.ModelObjective, priced.PricedObjective, Math.Abs(cold.ModelObjective) * Relative + 1e-9);
            Assert.Equal(cold.Objective - term, priced.Result.Objective, Math.Abs(cold.Objective) * Relative + 1e-6);
            Assert.Equal(priced.PricedObjective - priced.PriceTerm, priced.Result.ModelObjective, 1e-9);
            Assert.NotEqual(plan.ModelObjective, priced.PricedObjective); // the price moved the optimum's value

            // And back to the unpriced problem.
            AssertSame(plan, session.Solve(district, subsystem).Result, $"{file} unpriced again");
        }
    }

    [Fact]
    public void A_structure_change_reloads_cold_and_is_still_right()
    {
        var district = Load("heat-network.json");
        var subsystem = district.Subsystems[0];
        using var session = new SubsystemSession();
        session.Solve(district, subsystem);

        var fewer = MpcOptions.Default with { SlackSegments = 4 };
        var changed = session.Solve(district, subsystem, fewer);
        Assert.False(changed.Warm);
        Assert.Equal(2, session.ColdLoads);
        AssertSame(SubsystemSolver.Solve(district, subsystem, fewer), changed.Result, "4 segments");

        var withoutStore = subsystem with { Stores = [] };
        var smaller = session.Solve(district, withoutStore, fewer);
        Assert.False(smaller.Warm);
        AssertSame(SubsystemSolver.Solve(district, withoutStore, fewer), smaller.Result, "no store");
        Assert.Equal(3, session.ColdLoads);
    }

    [Fact]
    public void A_changed_matrix_coefficient_is_written_in_place()
    {
        // The store keeps 0.98 of its charge per step instead of its own retention: the same structure, other
        // coefficients of SoC[i] in eq. 6 (a change of COP would also change the ε² tail, eq. 22, and so the structure).
        var district = Load("heat-network.json");
        var subsystem = district.Subsystems[0];
        using var session = new SubsystemSession();
        var plan = session.Solve(district, subsystem).Result;
        Assert.NotEqual(0.98, subsystem.Stores[0].Retention);
        var lossier = subsystem with { Stores = subsystem.Stores.Select(st => st with { Retention = 0.98 }).ToList() };

        var warm = session.Solve(district, lossier);
        Assert.True(warm.Warm);
        AssertSame(SubsystemSolver.Solve(district, lossier), warm.Result, "retention 0.98");
        Assert.NotEqual(plan.ModelObjective, warm.Result.ModelObjective);
    }

    [Fact]
    public void Tightened_to_infeasible_is_explained_and_the_session_recovers()
    {
        var district = Load("heat-network.json");
        var subsystem = district.Subsystems[0];
        using var session = new SubsystemSession();
        var plan = session.Solve(district, subsystem).Result;
        var none = new Dictionary<string, IReadOnlyList<double>>
        {
            ["electricity"] = new double[district.HorizonSteps],
            ["gas"] = new double[district.HorizonSteps],
        };

        var cold = SubsystemSolver.Solve(district, subsystem.WithResourceMax("electricity", Series.Constant(0, 96)).WithResourceMax("gas", Series.Constant(0, 96)));
        var warm = session.ResolveTightened(none);
        Assert.Equal(cold.Status, warm.Result.Status);
        Assert.Equal(SolveStatus.Infeasible, warm.Result.Status);
        Assert.Equal(cold.Infeasibility.Select(f => f.ToString()), warm.Result.Infeasibility.Select(f => f.ToString()));
        AssertSame(plan, session.Solve(district, subsystem).Result, "after the infeasible re-solve");
    }

    [Fact]
    public void Bad_input_names_the_field_and_the_value()
    {
        using var session = new SubsystemSession();
        Assert.Throws<InvalidOperationException>(() => session.ResolveTightened(new Dictionary<string, IReadOnlyList<double>>()));
        var district = Load("ev-pv-hub.json");
        session.Solve(district, district.Subsystems[0]);
        var wrongLength = Assert.Throws<ArgumentException>(() => session.ResolveTightened(new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = [1.0, 2.0] }));
        Assert.Contains("tightenedMaxKw.electricity: 2 values where the horizon has 96 steps", wrongLength.Message, StringComparison.Ordinal);
        var price = Enumerable.Repeat(0.1, 96).ToArray();
        price[7] = double.PositiveInfinity;
        var infinite = Assert.Throws<ArgumentException>(() => session.SolvePriced(new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = price }));
        Assert.Contains("pricePerKwh.electricity[7]: Infinity is not a finite number", infinite.Message, StringComparison.Ordinal);
    }

    private static int From(int steps) => steps * 30 / 96;

    private static int To(int steps) => steps * 50 / 96;

    /// <summary>Pmax of <paramref name="resource"/> at steps 30–50 (of 96; the same share of a shorter horizon) cut to <paramref name="share"/> of the plan; elsewhere its own Pmax (or 10⁶ kW without one).</summary>
    private static double[] Tightening(Subsystem subsystem, string resource, IReadOnlyList<double> planned, double share) =>
        Enumerable.Range(0, planned.Count)
            .Select(i => i >= From(planned.Count) && i <= To(planned.Count) ? share * planned[i] : subsystem.Resources.TryGetValue(resource, out var b) ? b.Max[i] : 1e6)
            .ToArray();

    /// <summary>Cycle k's problem of subsystem s: the horizon shifted by k, the initial state the previous plan predicts (the grain's way).</summary>
    private static (District District, Subsystem Subsystem) Cycle(District district, int s, int cycle, Subsystem? previousSubsystem, SubsystemResult? previous)
    {
        var shifted = RecedingHorizon.Shift(district, cycle);
        var subsystem = shifted.Subsystems[s];
        if (previous is { HasPlan: true } && previousSubsystem is not null)
        {
            var (soc, states) = StatePrediction.Next(previousSubsystem, previous);
            var clamped = subsystem.Stores.ToDictionary(st => st.Id, st => Math.Clamp(soc[st.Id], st.SocMin, st.SocMax), StringComparer.Ordinal);
            subsystem = RecedingHorizon.WithInitialState(subsystem, clamped, states);
        }

        return (shifted with { Subsystems = [subsystem] }, subsystem);
    }

    private static void AssertSame(SubsystemResult cold, SubsystemResult warm, string what)
    {
        Assert.True(cold.Status == warm.Status, $"{what}: status {warm.Status}, cold {cold.Status}");
        if (!cold.HasPlan) return;
        Assert.True(Close(cold.Objective, warm.Objective), $"{what}: objective {warm.Objective:R}, cold {cold.Objective:R}");
        Assert.True(Close(cold.ModelObjective, warm.ModelObjective), $"{what}: model objective {warm.ModelObjective:R}, cold {cold.ModelObjective:R}");
        Assert.Equal(cold.Terms!.ByFactor.Keys.Order(), warm.Terms!.ByFactor.Keys.Order());
        Assert.Equal(cold.DrawKw.Keys.Order(), warm.DrawKw.Keys.Order());
    }

    private static bool Close(double expected, double actual) => Math.Abs(expected - actual) <= Relative * Math.Max(1, Math.Abs(expected));

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

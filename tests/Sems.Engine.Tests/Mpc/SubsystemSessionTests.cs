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

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Reading_only_the_result_columns_gives_the_full_reads_result(string file)
    {
        // A full solution read twice: as it is, and with every value ReadColumns leaves out replaced by NaN. A column
        // Read needs but ReadColumns missed would turn a trajectory or an objective term into NaN or change it.
        var district = Load(file);
        foreach (var subsystem in district.Subsystems)
        {
            var model = SubsystemModelBuilder.Build(district, subsystem);
            var solution = OrToolsSolver.Solve(model.Program, MpcOptions.Default.Solver);
            if (!solution.HasValues) continue;
            var columns = SubsystemSolver.ReadColumns(model);
            Assert.Equal(columns.Distinct().Order(), columns);
            var partial = Enumerable.Repeat(double.NaN, model.Program.VariableCount).ToArray();
            foreach (var j in columns) partial[j] = solution.Values[j];

            var full = SubsystemSolver.Read(model, solution, TimeSpan.Zero);
            var read = SubsystemSolver.Read(model, solution with { Values = partial }, TimeSpan.Zero);
            AssertIdentical(full, read, exact: true, $"{file} {subsystem.Id}");
        }
    }

    [Fact]
    public void The_heat_networks_result_needs_about_a_quarter_of_its_variables()
    {
        // Collected from the model's own index arrays (draws, the store's charge, discharge and SoC, the network's state
        // and heat inputs): fewer than a third of the variables, the ε² segments being most of the rest.
        var district = Load("heat-network.json");
        var model = SubsystemModelBuilder.Build(district, district.Subsystems[0]);
        var expected = new HashSet<int>();
        foreach (var conversions in model.DrawKw) foreach (var draw in conversions) expected.UnionWith(draw);
        expected.UnionWith(model.SocKwh.SelectMany(x => x));
        expected.UnionWith(model.ChargeKw.SelectMany(x => x));
        expected.UnionWith(model.DischargeKw.SelectMany(x => x));
        expected.UnionWith(model.States.Where(x => x is not null).SelectMany(x => x!).SelectMany(x => x));
        expected.UnionWith(model.InputKw.Where(x => x is not null).SelectMany(x => x!.Values).SelectMany(x => x));
        Assert.Equal(expected.Order(), SubsystemSolver.ReadColumns(model));
        Assert.True(expected.Count < model.Program.VariableCount / 3, $"{expected.Count} of {model.Program.VariableCount} variables read");
    }

    [Theory]
    [InlineData("heat-network.json")]
    [InlineData("ev-pv-hub.json")]
    [InlineData("two-subsystems-limit.json")]
    public void A_session_solve_equals_a_full_read_of_the_same_glop_solve(string file)
    {
        // The session reads only the result's columns; the same program loaded into a fresh LpSession (the session's
        // GLOP parameters, so the same optimal vertex) and read in full gives every trajectory and term of the session's.
        // Then a one-step shift: the warm session against a fresh load of the shifted program (same objective; where
        // the LP has several optima the vertex may differ, so trajectories are compared through their objective terms).
        var district = Load(file);
        for (var s = 0; s < district.Subsystems.Count; s++)
        {
            using var session = new SubsystemSession();
            var first = session.Solve(district, district.Subsystems[s]);
            var model = SubsystemModelBuilder.Build(district, district.Subsystems[s]);
            using (var lp = LpSession.Open(model.Program, MpcOptions.Default.Solver))
            {
                var reference = SubsystemSolver.Read(model, lp.Solve(readSolution: true, readDuals: false), TimeSpan.Zero);
                AssertIdentical(reference, first.Result, exact: false, $"{file} {district.Subsystems[s].Id} first solve");
            }

            var (d, subsystem) = Cycle(district, s, 1, district.Subsystems[s], first.Result);
            var shifted = session.Solve(d, subsystem);
            Assert.True(shifted.Warm);
            var next = SubsystemModelBuilder.Build(d, subsystem);
            using (var lp = LpSession.Open(next.Program, MpcOptions.Default.Solver))
            {
                var reference = SubsystemSolver.Read(next, lp.Solve(readSolution: true, readDuals: false), TimeSpan.Zero);
                AssertSame(reference, shifted.Result, $"{file} shifted");
                Assert.True(Close(reference.Terms!.Energy, shifted.Result.Terms!.Energy) && Close(reference.Terms.Storage, shifted.Result.Terms.Storage) && Close(reference.Terms.Comfort, shifted.Result.Terms.Comfort),
                    $"{file} shifted terms: {shifted.Result.Terms} against {reference.Terms}");
                Assert.All(shifted.Result.DrawKw.Values.SelectMany(x => x), v => Assert.True(double.IsFinite(v)));
            }
        }
    }

    [Fact]
    public void After_a_warm_shift_the_session_no_longer_holds_the_previous_program()
    {
        // A session's memory is one model: the program it was opened with must be collectable once the next cycle's
        // program has been written into the loaded model.
        var district = Load("heat-network.json");
        using var session = new SubsystemSession();
        var first = FirstProgram(session, district);
        var (d, subsystem) = Cycle(district, 0, 1, null, null);
        Assert.True(session.Solve(d, subsystem).Warm);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(first.IsAlive, "the first cycle's LinearProgram is still referenced");
        Assert.NotNull(session.Model);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference FirstProgram(SubsystemSession session, District district)
    {
        Assert.True(session.Solve(district, district.Subsystems[0]).Result.HasPlan);
        return new WeakReference(session.Model!.Program);
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

    /// <summary>Every field of two results (solve and build times aside): equal, or within 1e-9 relative unless <paramref name="exact"/>.</summary>
    private static void AssertIdentical(SubsystemResult expected, SubsystemResult actual, bool exact, string what)
    {
        void Number(double e, double a, string field)
        {
            var ok = exact ? e.Equals(a) : e.Equals(a) || Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e));
            Assert.True(ok, $"{what} {field}: {a:R}, expected {e:R}");
        }

        void Series(IReadOnlyList<double> e, IReadOnlyList<double> a, string field)
        {
            Assert.True(e.Count == a.Count, $"{what} {field}: {a.Count} values, expected {e.Count}");
            for (var i = 0; i < e.Count; i++) Number(e[i], a[i], $"{field}[{i}]");
        }

        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Status, actual.Status);
        Number(expected.Objective, actual.Objective, "objective");
        Number(expected.ModelObjective, actual.ModelObjective, "model objective");
        Number(expected.Terms!.Energy, actual.Terms!.Energy, "energy term");
        Number(expected.Terms.Storage, actual.Terms.Storage, "storage term");
        Number(expected.Terms.Comfort, actual.Terms.Comfort, "comfort term");
        Number(expected.Terms.StartCosts, actual.Terms.StartCosts, "start costs");
        Assert.Equal(expected.Terms.ByFactor.Keys.Order(), actual.Terms.ByFactor.Keys.Order());
        foreach (var (factor, value) in expected.Terms.ByFactor) Number(value, actual.Terms.ByFactor[factor], $"factor {factor}");
        Assert.Equal(expected.DrawKw.Keys.Order(), actual.DrawKw.Keys.Order());
        foreach (var (resource, values) in expected.DrawKw) Series(values, actual.DrawKw[resource], $"draw {resource}");
        Assert.Equal(expected.Supplies.Count, actual.Supplies.Count);
        for (var s = 0; s < expected.Supplies.Count; s++)
        {
            var (e, a) = (expected.Supplies[s], actual.Supplies[s]);
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.On, a.On);
            Assert.Equal(e.Conversions.Count, a.Conversions.Count);
            for (var c = 0; c < e.Conversions.Count; c++)
            {
                Assert.Equal(e.Conversions[c].Resource, a.Conversions[c].Resource);
                Series(e.Conversions[c].DrawKw, a.Conversions[c].DrawKw, $"{e.Id} draw");
                Series(e.Conversions[c].OutputKw, a.Conversions[c].OutputKw, $"{e.Id} output");
            }
        }

        Assert.Equal(expected.Stores.Count, actual.Stores.Count);
        for (var st = 0; st < expected.Stores.Count; st++)
        {
            Series(expected.Stores[st].SocKwh, actual.Stores[st].SocKwh, $"{expected.Stores[st].Id} SoC");
            Series(expected.Stores[st].ChargeKw, actual.Stores[st].ChargeKw, $"{expected.Stores[st].Id} charge");
            Series(expected.Stores[st].DischargeKw, actual.Stores[st].DischargeKw, $"{expected.Stores[st].Id} discharge");
        }

        Assert.Equal(expected.Demands.Count, actual.Demands.Count);
        for (var m = 0; m < expected.Demands.Count; m++)
        {
            var (e, a) = (expected.Demands[m], actual.Demands[m]);
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Outputs.Count, a.Outputs.Count);
            for (var o = 0; o < e.Outputs.Count; o++)
            {
                Series(e.Outputs[o], a.Outputs[o], $"{e.Id} output {o}");
                Series(e.Slack[o], a.Slack[o], $"{e.Id} slack {o}");
            }

            Series(e.ValuesKw ?? [], a.ValuesKw ?? [], $"{e.Id} values");
            Series(e.TerminalOutputs, a.TerminalOutputs, $"{e.Id} terminal outputs");
            Series(e.TerminalSlack, a.TerminalSlack, $"{e.Id} terminal slack");
            Assert.Equal(e.InputKw.Keys.Order(), a.InputKw.Keys.Order());
            foreach (var (input, values) in e.InputKw) Series(values, a.InputKw[input], $"{e.Id} input {input}");
        }

        Number(expected.MaxSlack, actual.MaxSlack, "max slack");
        Assert.Equal(expected.SlackBeyondRange, actual.SlackBeyondRange);
        Assert.Equal(expected.Warnings, actual.Warnings);
        Assert.Equal(expected.Solver, actual.Solver);
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

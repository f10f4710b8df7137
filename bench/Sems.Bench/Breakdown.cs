using System.Diagnostics;
using Google.OrTools.LinearSolver;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Bench;

/// <summary>
/// Side experiment (not BenchmarkDotNet): splits one subsystem solve into model build, transfer into OR-Tools, the
/// solver's own Solve call and read-back, and reports simplex iterations (dual and primal GLOP) or B&amp;B nodes
/// (SCIP). The transfer replicates OrToolsSolver.Solve so that its cost can be timed on its own (it walks rows through
/// the public LinearProgram.Row enumerator instead of the engine-internal spans: one small iterator per row).
/// It then times other OR-Tools LP backends / GLOP options and fewer ε² segments on the heat-network LP. Pinned to one
/// logical CPU like the benchmarks (set after start-up, so ProcessorCount still reads 2). OR-Tools' wrapper reports 0
/// iterations for HiGHS, and HiGHS prints a banner per solve. Run: dotnet run -c Release --project bench/Sems.Bench -- --breakdown | grep -v "Running HiGHS"
/// </summary>
internal static class Breakdown
{
    private const int Repetitions = 200;
    private const int MilpRepetitions = 20;

    public static void Run()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        WarmUp(TimeSpan.FromSeconds(8));
        Console.WriteLine($"Breakdown, medians over {Repetitions} repetitions ({MilpRepetitions} for the MILP) after an 8 s warm-up (tier-1 JIT); affinity 0x1");
        Console.WriteLine("example            | vars | rows | nnz  | build ms | transfer ms | Solve() ms dual | iters dual | Solve() ms primal | iters primal | read ms | OrToolsSolver.Solve ms");
        foreach (var name in new[] { Examples.HeatNetwork, Examples.EvPvHub })
            Lp(name);
        var heat = Examples.Load(Examples.HeatNetwork);
        Alternatives(Examples.HeatNetwork, SubsystemModelBuilder.Build(heat, Examples.Subsystem(heat), MpcOptions.Default).Program);
        SegmentSweep(Examples.HeatNetwork);
        Milp(Examples.BoilerCommitment);
    }

    /// <summary>Runs build + solve + read of every example until tiered JIT has promoted the managed code.</summary>
    private static void WarmUp(TimeSpan duration)
    {
        var examples = new[] { Examples.HeatNetwork, Examples.EvPvHub, Examples.BoilerCommitment }
            .Select(n => Examples.Load(n)).Select(d => (District: d, Subsystem: Examples.Subsystem(d))).ToArray();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
            foreach (var (district, subsystem) in examples)
                for (var i = 0; i < 20; i++) SubsystemSolver.Solve(district, subsystem, MpcOptions.Default);
    }

    /// <summary>Other OR-Tools LP backends and GLOP settings on the same program: Solve() median, iterations, objective.</summary>
    private static void Alternatives(string name, LinearProgram p)
    {
        var reference = OrToolsSolver.Solve(p, MpcOptions.Default.Solver).Objective;
        foreach (var (backend, parameters) in new[]
                 {
                     ("GLOP", SolverSettings.DualSimplex), ("GLOP", "use_dual_simplex:false"),
                     ("GLOP", "use_dual_simplex:true use_preprocessing:false"), ("GLOP", "use_dual_simplex:true use_scaling:false"),
                     ("CLP", ""), ("HIGHS_LP", ""), ("PDLP", ""),
                 })
        {
            try
            {
                using (var probe = Solver.CreateSolver(backend))
                    if (probe is null) { Console.WriteLine($"  {name}: {backend} not available"); continue; }
                var times = new double[50];
                long iterations = 0;
                double objective = double.NaN;
                for (var rep = -5; rep < times.Length; rep++)
                {
                    using var solver = Transfer(p, backend, backend == "GLOP" ? parameters : "", out _);
                    using var settings = new MPSolverParameters();
                    var clock = Stopwatch.StartNew();
                    var status = solver.Solve(settings);
                    if (rep >= 0) times[rep] = clock.Elapsed.TotalMilliseconds;
                    iterations = solver.Iterations();
                    objective = status == Solver.ResultStatus.OPTIMAL ? solver.Objective().Value() : double.NaN;
                }

                Console.WriteLine($"  {name}: {(backend + " " + parameters),-56} Solve() {MedianOf(times),8:0.000} ms, {iterations,5} iterations, objective {objective:0.######} (reference {reference:0.######})");
            }
            catch (Exception e)
            {
                Console.WriteLine($"  {name}: {backend} {parameters} failed: {e.Message}");
            }
        }
    }

    /// <summary>
    /// Model size and solve time against K (MpcOptions.SlackSegments): the ε² segments are K variables per step and
    /// output. Fewer segments are a coarser approximation (exact to within SlackRange²/(4K²)), so this is a trade-off.
    /// </summary>
    private static void SegmentSweep(string name)
    {
        var district = Examples.Load(name);
        var subsystem = Examples.Subsystem(district);
        foreach (var k in new[] { 8, 4, 2, 1 })
        {
            var options = MpcOptions.Default with { SlackSegments = k };
            var p = SubsystemModelBuilder.Build(district, subsystem, options).Program;
            var (dual, iterations) = SolveOnly(p, "GLOP", SolverSettings.DualSimplex, 100);
            var whole = Median(100, () => SubsystemSolver.Solve(district, subsystem, options));
            var result = SubsystemSolver.Solve(district, subsystem, options);
            Console.WriteLine($"  {name} K={k}: vars={p.VariableCount} rows={p.RowCount} nnz={p.NonZeroCount}; GLOP dual Solve() {dual:0.000} ms, {iterations} iterations; SubsystemSolver.Solve {whole:0.000} ms; exact J {result.Objective:0.####}, model J {result.ModelObjective:0.####}");
        }
    }

    private static void Lp(string name)
    {
        var district = Examples.Load(name);
        var subsystem = Examples.Subsystem(district);
        var options = MpcOptions.Default;
        var model = SubsystemModelBuilder.Build(district, subsystem, options);
        var p = model.Program;
        var build = Median(Repetitions, () => SubsystemModelBuilder.Build(district, subsystem, options));
        var transfer = Median(Repetitions, () => { using var s = Transfer(p, "GLOP", SolverSettings.DualSimplex, out _); });
        var (dual, dualIterations) = SolveOnly(p, "GLOP", SolverSettings.DualSimplex, Repetitions);
        var (primal, primalIterations) = SolveOnly(p, "GLOP", "use_dual_simplex:false", Repetitions);
        var (dualLimited, _) = SolveOnly(p, "GLOP", SolverSettings.DualSimplex, Repetitions, (long)options.Solver.TimeLimit.TotalMilliseconds);
        Console.WriteLine($"  {name}: dual Solve() with SetTimeLimit({options.Solver.TimeLimit.TotalMilliseconds} ms) {dualLimited:0.000} ms");
        var solution = OrToolsSolver.Solve(p, options.Solver);
        var read = Median(Repetitions, () => SubsystemSolver.Read(model, solution, TimeSpan.Zero));
        var whole = Median(Repetitions, () => OrToolsSolver.Solve(p, options.Solver));
        var create = Median(Repetitions, () => { using var s = Solver.CreateSolver("GLOP"); });
        Console.WriteLine($"  {name}: of the transfer, Solver.CreateSolver(\"GLOP\") + Dispose alone takes {create:0.0000} ms");
        Console.WriteLine($"{name,-18} | {p.VariableCount,4} | {p.RowCount,4} | {p.NonZeroCount,4} | {build,8:0.000} | {transfer,11:0.000} | {dual,15:0.000} | {dualIterations,10} | {primal,17:0.000} | {primalIterations,12} | {read,7:0.000} | {whole,22:0.000}");
    }

    private static void Milp(string name)
    {
        var district = Examples.Load(name);
        var subsystem = Examples.Subsystem(district);
        var options = MpcOptions.Default;
        var model = SubsystemModelBuilder.Build(district, subsystem, options);
        var p = model.Program;
        var integers = Enumerable.Range(0, p.VariableCount).Count(p.IsInteger);
        var build = Median(Repetitions, () => SubsystemModelBuilder.Build(district, subsystem, options));
        var transfer = Median(Repetitions, () => { using var s = Transfer(p, options.Solver.MipSolver, "", out _); });
        var (solve, iterations, nodes) = SolveMip(p, options.Solver);
        var whole = Median(MilpRepetitions, () => OrToolsSolver.Solve(p, options.Solver));
        var create = Median(MilpRepetitions, () => { using var s = Solver.CreateSolver(options.Solver.MipSolver); });
        Console.WriteLine($"  {name}: of the transfer, Solver.CreateSolver(\"{options.Solver.MipSolver}\") + Dispose alone takes {create:0.0000} ms");
        Console.WriteLine($"{name} (MILP, {options.Solver.MipSolver}): vars={p.VariableCount} (integer {integers}) rows={p.RowCount} nnz={p.NonZeroCount}; build {build:0.000} ms, transfer {transfer:0.000} ms, Solve() {solve:0.000} ms, {iterations} LP iterations, {nodes} nodes; OrToolsSolver.Solve {whole:0.000} ms");
    }

    /// <summary>The transfer part of OrToolsSolver.Solve, unchanged.</summary>
    private static Solver Transfer(LinearProgram program, string backend, string glopParameters, out Variable[] variables)
    {
        var solver = Solver.CreateSolver(backend) ?? throw new InvalidOperationException($"no solver {backend}");
        if (glopParameters.Length > 0 && !solver.SetSolverSpecificParametersAsString(glopParameters))
            throw new InvalidOperationException($"rejected {glopParameters}");
        variables = new Variable[program.VariableCount];
        for (var j = 0; j < variables.Length; j++)
            variables[j] = solver.MakeVar(program.Lower(j), program.Upper(j), program.IsInteger(j), "");
        for (var r = 0; r < program.RowCount; r++)
        {
            var constraint = solver.MakeConstraint(program.RowLower(r), program.RowUpper(r), "");
            foreach (var (column, value) in program.Row(r)) constraint.SetCoefficient(variables[column], value);
        }

        var objective = solver.Objective();
        for (var j = 0; j < variables.Length; j++)
        {
            var coefficient = program.ObjectiveCoefficient(j);
            if (coefficient != 0) objective.SetCoefficient(variables[j], coefficient);
        }

        objective.SetOffset(program.ObjectiveOffset);
        objective.SetMinimization();
        return solver;
    }

    private static (double Ms, long Iterations) SolveOnly(LinearProgram program, string backend, string parameters, int repetitions, long timeLimitMs = 0)
    {
        var times = new double[repetitions];
        long iterations = 0;
        for (var rep = -5; rep < repetitions; rep++)
        {
            using var solver = Transfer(program, backend, parameters, out _);
            if (timeLimitMs > 0) solver.SetTimeLimit(timeLimitMs);
            using var settings = new MPSolverParameters();
            var clock = Stopwatch.StartNew();
            var status = solver.Solve(settings);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (status != Solver.ResultStatus.OPTIMAL) throw new InvalidOperationException($"{backend} {parameters}: {status}");
            if (rep >= 0) times[rep] = elapsed;
            iterations = solver.Iterations();
        }

        return (MedianOf(times), iterations);
    }

    private static (double Ms, long Iterations, long Nodes) SolveMip(LinearProgram program, SolverSettings settings)
    {
        var times = new double[MilpRepetitions];
        long iterations = 0, nodes = 0;
        for (var rep = -2; rep < MilpRepetitions; rep++)
        {
            using var solver = Transfer(program, settings.MipSolver, "", out _);
            solver.SetTimeLimit((long)settings.TimeLimit.TotalMilliseconds);
            using var parameters = new MPSolverParameters();
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, settings.RelativeGap);
            var clock = Stopwatch.StartNew();
            var status = solver.Solve(parameters);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)) throw new InvalidOperationException($"{settings.MipSolver}: {status}");
            if (rep >= 0) times[rep] = elapsed;
            iterations = solver.Iterations();
            nodes = solver.Nodes();
        }

        return (MedianOf(times), iterations, nodes);
    }

    private static double Median(int repetitions, Action action)
    {
        for (var i = 0; i < Math.Min(20, repetitions); i++) action();
        var times = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        return MedianOf(times);
    }

    private static double MedianOf(double[] times)
    {
        Array.Sort(times);
        var n = times.Length;
        return n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    }
}

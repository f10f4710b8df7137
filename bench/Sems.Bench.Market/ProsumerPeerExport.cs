using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sems.Bench.Coordination;
using Sems.Engine.Market;
using Sems.Engine.Optimisation;

namespace Sems.Bench.Market;

/// <summary>
/// The models of the peer-solver comparison on the prosumer MILP: the first <c>models</c> prosumers of a generated
/// community, each one's MILP at the baseline prices (iteration 0: the grid's retail and feed-in tariffs, no caps) built
/// by <see cref="ProsumerModelBuilder"/> and written as <c>DIR/&lt;id&gt;.lp</c> (<see cref="LinearProgram.ToLpFormat"/>)
/// and <c>DIR/&lt;id&gt;.mps</c> (the coordination bench's <see cref="MpsWriter"/>), and its LP relaxation
/// (<c>integer: false</c>) likewise into <c>DIR/relaxation/</c>. Each is then solved <c>repeats</c> times in this
/// process, cold, timing the call alone (wall and the thread's CPU time, <see cref="ThreadCpuClock"/>):
/// <list type="bullet">
/// <item>SEMS's path, <see cref="ProsumerSolver.Solve"/> with <see cref="ProsumerSolverOptions.Default"/>: building the
/// relaxation, GLOP, the own branch and bound where it is fractional, SCIP beyond its node limit;</item>
/// <item>SCIP alone, the same call with <c>RelaxationFirst: false, NodeLimit: 0</c> (building the MILP, SCIP); a
/// prosumer without binaries has an LP and is solved by GLOP on both paths;</item>
/// <item>the relaxation, <see cref="OrToolsSolver.Solve"/> (GLOP) on its program, as the coordination bench times GLOP.</item>
/// </list>
/// One untimed solve of each kind first loads the native libraries and JIT-compiles the paths. Writes
/// <c>DIR/sems.tsv</c> (per model: id, kind, size, SEMS's objective = energy cost + discomfort cost, the path and the
/// branch-and-bound nodes, the medians of both paths' times, SCIP's objective) and <c>DIR/relaxation/sems.tsv</c> (the
/// coordination bench's columns), which the scripts in <c>bench/peers</c> read.
/// </summary>
public static class ProsumerPeerExport
{
    /// <summary>Writes and solves the models; 0 when every model was solved, 1 otherwise (the reason on standard error).</summary>
    public static int Run(Community community, string directory, int models, int repeats)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentOutOfRangeException.ThrowIfLessThan(models, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var relaxationDirectory = Path.Combine(directory, "relaxation");
        Directory.CreateDirectory(relaxationDirectory);
        var chosen = community.Prosumers.Take(models).ToList();
        var stepHours = community.StepHours;
        var requests = chosen.Select(p => new ProsumerRequest(p.Id, 0, community.RetailPerKwh, community.FeedInPerKwh, null, null)).ToList();
        var milps = new List<ProsumerModel>();
        var relaxations = new List<ProsumerModel>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var milp = ProsumerModelBuilder.Build(chosen[i], stepHours, requests[i], integer: true);
            var relaxed = ProsumerModelBuilder.Build(chosen[i], stepHours, requests[i], integer: false);
            milps.Add(milp);
            relaxations.Add(relaxed);
            File.WriteAllText(Path.Combine(directory, chosen[i].Id + ".lp"), milp.Program.ToLpFormat());
            File.WriteAllText(Path.Combine(directory, chosen[i].Id + ".mps"), MpsWriter.Write(milp.Program, chosen[i].Id));
            File.WriteAllText(Path.Combine(relaxationDirectory, chosen[i].Id + ".lp"), relaxed.Program.ToLpFormat());
            File.WriteAllText(Path.Combine(relaxationDirectory, chosen[i].Id + ".mps"), MpsWriter.Write(relaxed.Program, chosen[i].Id));
        }

        var sems = ProsumerSolverOptions.Default;
        var scipAlone = sems with { RelaxationFirst = false, NodeLimit = 0 };
        var warm = chosen.FindIndex(p => p.Battery is not null || p.FlexibleLoads.Count > 0);
        warm = warm < 0 ? 0 : warm;
        _ = ProsumerSolver.Solve(chosen[warm], stepHours, requests[warm], sems);
        _ = ProsumerSolver.Solve(chosen[warm], stepHours, requests[warm], scipAlone);
        _ = OrToolsSolver.Solve(relaxations[warm].Program, sems.Solver);

        var table = new StringBuilder("id\tkind\tvariables\trows\tintegers\tnonzeros\tstatus\tobjective\tpath\tnodes\tsolve_ms\tsolve_cpu_ms\tscip_ms\tscip_cpu_ms\tscip_path\tscip_objective\n");
        var relaxationTable = new StringBuilder("id\tkind\tvariables\trows\tnonzeros\tstatus\tobjective\tsolve_ms\tsolve_cpu_ms\n");
        var paths = new Dictionary<ProsumerSolvePath, int>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var (prosumer, request) = (chosen[i], requests[i]);
            var kind = Kind(prosumer);
            var (solution, solveMs, solveCpuMs) = Timed(repeats, () => ProsumerSolver.Solve(prosumer, stepHours, request, sems));
            var (scip, scipMs, scipCpuMs) = Timed(repeats, () => ProsumerSolver.Solve(prosumer, stepHours, request, scipAlone));
            var (lp, lpMs, lpCpuMs) = Timed(repeats, () => OrToolsSolver.Solve(relaxations[i].Program, sems.Solver));
            if (solution.Schedule is null || scip.Schedule is null)
            {
                Console.Error.WriteLine($"Sems.Bench.Market: prosumer \"{prosumer.Id}\" has no schedule at the baseline prices: {solution.Problem ?? scip.Problem}");
                return 1;
            }

            if (lp.Status != SolveStatus.Optimal)
            {
                Console.Error.WriteLine($"Sems.Bench.Market: prosumer \"{prosumer.Id}\": GLOP ended {lp.Status} on the relaxation {lp.Message}");
                return 1;
            }

            paths[solution.Path] = paths.GetValueOrDefault(solution.Path) + 1;
            var program = milps[i].Program;
            var integers = Enumerable.Range(0, program.VariableCount).Count(program.IsInteger);
            table.Append(string.Create(CultureInfo.InvariantCulture,
                $"{prosumer.Id}\t{kind}\t{program.VariableCount}\t{program.RowCount}\t{integers}\t{program.NonZeroCount}\toptimal\t{Objective(solution):R}\t{Name(solution.Path)}\t{solution.Nodes}" +
                $"\t{solveMs:0.###}\t{solveCpuMs:0.###}\t{scipMs:0.###}\t{scipCpuMs:0.###}\t{Name(scip.Path)}\t{Objective(scip):R}\n"));
            var relaxed = relaxations[i].Program;
            relaxationTable.Append(string.Create(CultureInfo.InvariantCulture,
                $"{prosumer.Id}\t{kind}\t{relaxed.VariableCount}\t{relaxed.RowCount}\t{relaxed.NonZeroCount}\toptimal\t{lp.Objective:R}\t{lpMs:0.###}\t{lpCpuMs:0.###}\n"));
        }

        File.WriteAllText(Path.Combine(directory, "sems.tsv"), table.ToString());
        File.WriteAllText(Path.Combine(relaxationDirectory, "sems.tsv"), relaxationTable.ToString());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{chosen.Count} prosumer MILPs of {community.Name} at {community.Steps} steps ({string.Join(", ", chosen.GroupBy(Kind).Select(g => $"{g.Count()} {g.Key}"))}) " +
            $"written to {directory} as .lp and .mps, their relaxations to {relaxationDirectory}; SEMS's paths: " +
            $"{string.Join(", ", paths.OrderBy(p => p.Key).Select(p => $"{p.Value} {Name(p.Key)}"))}; medians of {repeats} solves in sems.tsv"));
        return 0;
    }

    /// <summary>The model's kind for the tables: the prosumer's kind and the assets that bring binaries.</summary>
    public static string Kind(Prosumer prosumer)
    {
        ArgumentNullException.ThrowIfNull(prosumer);
        return prosumer.Kind + (prosumer.Battery is null ? "" : " + battery") + (prosumer.FlexibleLoads.Count == 0 ? "" : " + flexible loads");
    }

    private static double Objective(ProsumerSolution solution) => solution.Schedule!.EnergyCost + solution.Schedule.DiscomfortCost;

    private static string Name(ProsumerSolvePath path) => path switch
    {
        ProsumerSolvePath.Relaxation => "relaxation",
        ProsumerSolvePath.BranchAndBound => "branch-and-bound",
        ProsumerSolvePath.Milp => "scip",
        _ => "none",
    };

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Runs <paramref name="solve"/> <paramref name="repeats"/> times; the last result and the medians of its wall and thread CPU times, ms.</summary>
    private static (T Result, double WallMs, double CpuMs) Timed<T>(int repeats, Func<T> solve)
    {
        var wall = new double[repeats];
        var cpu = new double[repeats];
        T result = default!;
        for (var k = 0; k < repeats; k++)
        {
            var cpuStart = ThreadCpuClock.NowMs();
            var clock = Stopwatch.StartNew();
            result = solve();
            wall[k] = clock.Elapsed.TotalMilliseconds;
            cpu[k] = ThreadCpuClock.NowMs() - cpuStart;
        }

        return (result, Median(wall), Median(cpu));
    }
}

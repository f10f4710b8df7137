using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sems.Engine.Districts;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Bench.Coordination;

/// <summary>
/// The models of the peer-solver comparison: the first <c>models</c> subsystems of the generated city (heat networks,
/// buildings and EV/PV hubs in turn) built by <see cref="SubsystemModelBuilder"/>, each written as
/// <c>DIR/&lt;id&gt;.lp</c> (<see cref="LinearProgram.ToLpFormat"/>) and <c>DIR/&lt;id&gt;.mps</c>
/// (<see cref="MpsWriter"/>), then solved <c>repeats</c> times by SEMS's own path, <see cref="OrToolsSolver.Solve"/>
/// with the default settings (GLOP, dual simplex): a new solver every time (cold), in this process, timing that call
/// alone (model transfer into OR-Tools, the simplex, reading the solution back). One solve of the first model before
/// the timed ones loads the native library and JIT-compiles the path. Writes <c>DIR/sems.tsv</c>: per model its id,
/// kind, size, objective and the medians of its solve times: wall and the thread's CPU time (<see cref="ThreadCpuClock"/>), ms.
/// </summary>
public static class PeerExport
{
    public static int Run(string directory, int models, int seed, int repeats)
    {
        Directory.CreateDirectory(directory);
        var json = GeneratedDistrict.CreateCity(new CityOptions(models, seed, Feeders: 1));
        var read = DistrictReader.Read(json);
        if (!read.IsValid)
        {
            Console.Error.WriteLine("Sems.Bench.Coordination: the generated models do not read: " + string.Join("; ", read.Errors.Take(5)));
            return 1;
        }

        var district = read.District!;
        var built = district.Subsystems.Select(s => (s.Id, Kind: s.Id[..s.Id.IndexOf('-', StringComparison.Ordinal)], SubsystemModelBuilder.Build(district, s).Program)).ToList();
        foreach (var (id, _, program) in built)
        {
            File.WriteAllText(Path.Combine(directory, id + ".lp"), program.ToLpFormat());
            File.WriteAllText(Path.Combine(directory, id + ".mps"), MpsWriter.Write(program, id));
        }

        var settings = MpcOptions.Default.Solver;
        _ = OrToolsSolver.Solve(built[0].Program, settings);
        var table = new StringBuilder("id\tkind\tvariables\trows\tnonzeros\tstatus\tobjective\tsolve_ms\tsolve_cpu_ms\n");
        foreach (var (id, kind, program) in built)
        {
            var times = new double[repeats];
            var cpu = new double[repeats];
            LpSolution solution = null!;
            for (var k = 0; k < repeats; k++)
            {
                var cpuStart = ThreadCpuClock.NowMs();
                var clock = Stopwatch.StartNew();
                solution = OrToolsSolver.Solve(program, settings);
                times[k] = clock.Elapsed.TotalMilliseconds;
                cpu[k] = ThreadCpuClock.NowMs() - cpuStart;
            }

            if (solution.Status != SolveStatus.Optimal)
            {
                Console.Error.WriteLine($"Sems.Bench.Coordination: {id}: GLOP ended {solution.Status} {solution.Message}");
                return 1;
            }

            table.Append(string.Create(CultureInfo.InvariantCulture,
                $"{id}\t{kind}\t{program.VariableCount}\t{program.RowCount}\t{program.NonZeroCount}\toptimal\t{solution.Objective:R}\t{Median(times):0.###}\t{Median(cpu):0.###}\n"));
        }

        File.WriteAllText(Path.Combine(directory, "sems.tsv"), table.ToString());
        Console.WriteLine($"{built.Count} models ({string.Join(", ", built.GroupBy(b => b.Kind).Select(g => $"{g.Count()} {g.Key}"))}) written to {directory} as .lp and .mps; GLOP times in sems.tsv");
        return 0;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

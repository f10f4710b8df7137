using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Sems.Engine.Horizon;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Bench;

/// <summary>
/// The heat network's MPC step kept loaded in a <see cref="SubsystemSession"/> against the cold solve. Setup chains a
/// day of cycles (96 one-step shifts of the receding horizon, each cycle's initial state from the previous plan's step 1,
/// as the subsystem grain does). <c>WarmShift</c> solves the next cycle of the chain in a session holding the previous
/// one; <c>WarmTightened</c> re-solves one cycle with electricity Pmax cut to 80 % of its plan at steps 30–50, then
/// (the next operation) with its own Pmax again, alternating, so each operation undoes the last; <c>WarmUnchanged</c>
/// re-solves one cycle with nothing changed (its own Pmax every time: no bound or coefficient written, 0 pivots), the
/// fixed cost of a warm solve through OR-Tools' MPSolver; <c>Cold</c> is <see cref="SubsystemSolver.Solve"/> of one
/// cycle. Setup prints the iteration counts as <c>// SEMS iterations</c> lines and, on Linux, each warm operation's
/// thread CPU time (<c>// SEMS thread CPU</c>: 200 of each in sessions of their own, median and minimum), which a
/// loaded machine inflates far less than the wall-clock times.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class WarmResolveBenchmarks
{
    private const int Cycles = 96;
    private readonly (District District, Subsystem Subsystem)[] _cycles = new (District, Subsystem)[Cycles];
    private SubsystemSession _shift = null!;
    private SubsystemSession _tightened = null!;
    private SubsystemSession _unchanged = null!;
    private Dictionary<string, IReadOnlyList<double>> _cut = null!;
    private Dictionary<string, IReadOnlyList<double>> _own = null!;
    private int _next;
    private bool _tight;

    [GlobalSetup]
    public void Setup()
    {
        var district = Examples.Load(Examples.HeatNetwork);
        var subsystem = Examples.Subsystem(district);
        Examples.PrintSize(Examples.HeatNetwork, SubsystemModelBuilder.Build(district, subsystem));
        for (var k = 0; k < Cycles; k++)
        {
            var shifted = RecedingHorizon.Shift(district, k);
            var s = shifted.Subsystems[0];
            if (k > 0)
            {
                var (previousDistrict, previousSubsystem) = _cycles[k - 1];
                var plan = SubsystemSolver.Solve(previousDistrict, previousSubsystem);
                if (!plan.HasPlan) throw new InvalidOperationException($"cycle {k - 1}: {plan.Status} {plan.Message}");
                var (soc, states) = StatePrediction.Next(previousSubsystem, plan);
                s = RecedingHorizon.WithInitialState(s, s.Stores.ToDictionary(st => st.Id, st => Math.Clamp(soc[st.Id], st.SocMin, st.SocMax)), states);
            }

            _cycles[k] = (shifted with { Subsystems = [s] }, s);
        }

        // Iterations along the chain: each cycle warm from the previous one's basis, against a cold load of the same cycle.
        var warm = new List<long>();
        var cold = new List<long>();
        using (var chain = new SubsystemSession())
        {
            foreach (var (d, s) in _cycles)
            {
                var solve = chain.Solve(d, s);
                if (solve.Warm) warm.Add(solve.Iterations);
                using var fresh = new SubsystemSession();
                cold.Add(fresh.Solve(d, s).Iterations);
            }
        }

        Console.WriteLine($"// SEMS iterations cold (session's first solve, presolve off) over {Cycles} cycles: {Summary(cold)}");
        Console.WriteLine($"// SEMS iterations warm after a one-step shift over {warm.Count} cycles: {Summary(warm)}");

        _shift = new SubsystemSession();
        _shift.Solve(_cycles[Cycles - 1].District, _cycles[Cycles - 1].Subsystem);

        var (d1, s1) = _cycles[1];
        _tightened = new SubsystemSession();
        var base1 = _tightened.Solve(d1, s1).Result;
        var own = s1.Resources["electricity"].Max.ToArray();
        var cut = own.Select((max, i) => i is >= 30 and <= 50 ? 0.8 * base1.DrawKw["electricity"][i] : max).ToArray();
        _cut = new() { ["electricity"] = cut };
        _own = new() { ["electricity"] = own };
        var tightIterations = new List<long>();
        var backIterations = new List<long>();
        for (var r = 0; r < 20; r++)
        {
            var t = _tightened.ResolveTightened(_cut);
            if (!t.Result.HasPlan || !t.Warm) throw new InvalidOperationException($"tightened: {t.Result.Status}, warm {t.Warm}");
            tightIterations.Add(t.Iterations);
            backIterations.Add(_tightened.ResolveTightened(_own).Iterations);
        }

        Console.WriteLine($"// SEMS iterations warm tightened (80 % of the plan at steps 30-50): {Summary(tightIterations)}; back to its own Pmax: {Summary(backIterations)}");

        _unchanged = new SubsystemSession();
        _unchanged.Solve(d1, s1);
        var again = _unchanged.ResolveTightened(_own);
        if (!again.Warm || again.Changes != 0 || again.Iterations != 0) throw new InvalidOperationException($"unchanged: warm {again.Warm}, {again.Changes} changes, {again.Iterations} iterations");
        if (OperatingSystem.IsLinux()) PrintThreadCpu(d1, s1);
    }

    /// <summary>Thread CPU per operation, the benchmarks' three warm operations in fresh sessions, interleaved.</summary>
    private void PrintThreadCpu(District district, Subsystem subsystem)
    {
        using var shift = new SubsystemSession();
        using var tightened = new SubsystemSession();
        using var unchanged = new SubsystemSession();
        shift.Solve(_cycles[Cycles - 1].District, _cycles[Cycles - 1].Subsystem);
        tightened.Solve(district, subsystem);
        unchanged.Solve(district, subsystem);
        var shiftMs = new List<double>();
        var tightenedMs = new List<double>();
        var unchangedMs = new List<double>();
        for (var k = 0; k < 200; k++)
        {
            var start = ThreadCpuMs();
            shift.Solve(_cycles[k % Cycles].District, _cycles[k % Cycles].Subsystem);
            var middle = ThreadCpuMs();
            tightened.ResolveTightened(k % 2 == 0 ? _cut : _own);
            var end = ThreadCpuMs();
            unchanged.ResolveTightened(_own);
            unchangedMs.Add(ThreadCpuMs() - end);
            shiftMs.Add(middle - start);
            tightenedMs.Add(end - middle);
        }

        Console.WriteLine($"// SEMS thread CPU per operation (ms, median and min over 200): shift {Cpu(shiftMs)}, tightened {Cpu(tightenedMs)}, unchanged {Cpu(unchangedMs)}");
    }

    private static string Cpu(List<double> values)
    {
        var sorted = values.Order().ToList();
        return $"{sorted[sorted.Count / 2]:0.000} (min {sorted[0]:0.000})";
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>CLOCK_THREAD_CPUTIME_ID (3 on Linux): the CPU time this thread has used, in ms.</summary>
    private static double ThreadCpuMs() => ClockGetTime(3, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : double.NaN;

    [Benchmark]
    public SubsystemSessionSolve WarmShift()
    {
        var (d, s) = _cycles[_next];
        _next = (_next + 1) % Cycles;
        return _shift.Solve(d, s);
    }

    [Benchmark]
    public SubsystemSessionSolve WarmTightened()
    {
        _tight = !_tight;
        return _tightened.ResolveTightened(_tight ? _cut : _own);
    }

    [Benchmark]
    public SubsystemSessionSolve WarmUnchanged() => _unchanged.ResolveTightened(_own);

    [Benchmark(Baseline = true)]
    public SubsystemResult Cold() => SubsystemSolver.Solve(_cycles[1].District, _cycles[1].Subsystem);

    [GlobalCleanup]
    public void Cleanup()
    {
        _shift.Dispose();
        _tightened.Dispose();
        _unchanged.Dispose();
    }

    private static string Summary(List<long> values)
    {
        var sorted = values.Order().ToList();
        return $"median {sorted[sorted.Count / 2]}, min {sorted[0]}, max {sorted[^1]}";
    }
}

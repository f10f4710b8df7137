using System.Diagnostics;
using System.Globalization;
using Sems.Engine.Market;
using Xunit.Abstractions;

namespace Sems.Engine.Tests.Market.Prosumers;

/// <summary>
/// Reports the median solve time of typical prosumers, wall clock and the process's CPU time (the steadier figure on a
/// loaded machine). No timing assert; run with a detailed console logger to read it.
/// </summary>
public sealed class ProsumerSolverTimingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(24)]
    [InlineData(96)]
    public void Median_solve_time_of_a_typical_prosumer(int steps)
    {
        var stepHours = 24.0 / steps;
        (string Name, ProsumerSolverOptions Options)[] ways =
        [
            ("LP first, branch and bound", ProsumerSolverOptions.Default),
            ("LP first, then SCIP", ProsumerSolverOptions.Default with { NodeLimit = 0 }),
            ("SCIP only", ProsumerSolverOptions.Default with { RelaxationFirst = false }),
        ];
        foreach (var (name, options) in ways)
        {
            var times = new List<double>();
            var paths = new Dictionary<ProsumerSolvePath, int>();
            var nodes = 0;
            var cpu = TimeSpan.Zero;
            for (var seed = 0; seed <= 60; seed++)
            {
                var (prosumer, request) = ProsumerCases.Random(1000 + seed, steps);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var s = ProsumerSolver.Solve(prosumer, stepHours, request, options);
                var ms = clock.Elapsed.TotalMilliseconds;
                Assert.Null(s.Problem);
                if (seed == 0) continue; // warm-up
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                times.Add(ms);
                paths[s.Path] = paths.GetValueOrDefault(s.Path) + 1;
                nodes += s.Nodes;
            }

            var counts = string.Join(", ", paths.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{steps} steps, {name}: median {Median(times):0.00} ms, mean {times.Average():0.00} ms, max {times.Max():0.0} ms, process CPU {cpu.TotalMilliseconds / times.Count:0.00} ms per solve, over {times.Count} ({counts}; {nodes} nodes)"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [Theory]
    [InlineData(24)]
    [InlineData(96)]
    public void Cold_and_warm_market_rounds(int steps)
    {
        // 100 random prosumers, 6 iterations of perturbed prices, solved one at a time: the time per prosumer solve.
        var stepHours = 24.0 / steps;
        var members = Enumerable.Range(2000, 100).Select(seed => ProsumerCases.Random(seed, steps)).ToList();
        var cold = new List<double>();
        var warm = new List<double>();
        var (coldCpu, warmCpu) = (TimeSpan.Zero, TimeSpan.Zero);
        var workspaces = members.Select(m => new ProsumerWorkspace(m.Prosumer, stepHours)).ToList();
        try
        {
            for (var k = 0; k < 6; k++)
            {
                for (var i = 0; i < members.Count; i++)
                {
                    var request = k == 0 ? members[i].Request : ProsumerCases.Perturbed(members[i].Request, 2000 + i, k);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    ProsumerSolver.Solve(members[i].Prosumer, stepHours, request);
                    cold.Add(clock.Elapsed.TotalMilliseconds);
                    var cpuMid = Process.GetCurrentProcess().TotalProcessorTime;
                    coldCpu += cpuMid - cpu;
                    clock.Restart();
                    workspaces[i].Solve(request);
                    if (k == 0) continue;
                    warm.Add(clock.Elapsed.TotalMilliseconds);
                    warmCpu += Process.GetCurrentProcess().TotalProcessorTime - cpuMid;
                }
            }
        }
        finally
        {
            foreach (var w in workspaces) w.Dispose();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{steps} steps, market of 100 × 6 iterations: cold median {Median(cold):0.00} ms, mean {cold.Average():0.00} ms, CPU {coldCpu.TotalMilliseconds / cold.Count:0.00} ms; warm (iterations 1–5) median {Median(warm):0.00} ms, mean {warm.Average():0.00} ms, CPU {warmCpu.TotalMilliseconds / warm.Count:0.00} ms"));
    }
}

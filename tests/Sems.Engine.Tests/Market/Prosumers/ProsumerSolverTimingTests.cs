using System.Diagnostics;
using System.Globalization;
using Sems.Engine.Market;
using Xunit.Abstractions;

namespace Sems.Engine.Tests.Market.Prosumers;

/// <summary>Reports the median solve time of typical prosumers (no timing assert; run with a detailed console logger to read it).</summary>
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
            for (var seed = 0; seed <= 60; seed++)
            {
                var (prosumer, request) = ProsumerCases.Random(1000 + seed, steps);
                var clock = Stopwatch.StartNew();
                var s = ProsumerSolver.Solve(prosumer, stepHours, request, options);
                var ms = clock.Elapsed.TotalMilliseconds;
                Assert.Null(s.Problem);
                if (seed == 0) continue; // warm-up
                times.Add(ms);
                paths[s.Path] = paths.GetValueOrDefault(s.Path) + 1;
                nodes += s.Nodes;
            }

            var counts = string.Join(", ", paths.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{steps} steps, {name}: median {Median(times):0.00} ms, mean {times.Average():0.00} ms, max {times.Max():0.0} ms over {times.Count} ({counts}; {nodes} nodes)"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

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
        var fast = new List<double>();
        var milp = new List<double>();
        var relaxed = 0;
        var milpOnly = ProsumerSolverOptions.Default with { RelaxationFirst = false };
        for (var seed = 0; seed <= 40; seed++)
        {
            var (prosumer, request) = ProsumerCases.Random(1000 + seed, steps);
            var clock = Stopwatch.StartNew();
            var s = ProsumerSolver.Solve(prosumer, stepHours, request);
            var fastMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var m = ProsumerSolver.Solve(prosumer, stepHours, request, milpOnly);
            var milpMs = clock.Elapsed.TotalMilliseconds;
            Assert.Null(s.Problem);
            Assert.Null(m.Problem);
            if (seed == 0) continue; // warm-up
            fast.Add(fastMs);
            milp.Add(milpMs);
            if (s.Path == ProsumerSolvePath.Relaxation) relaxed++;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{steps} steps: median {Median(fast):0.00} ms LP-first ({relaxed}/{fast.Count} by the relaxation alone), {Median(milp):0.00} ms always-MILP, max {fast.Max():0.0} / {milp.Max():0.0} ms"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

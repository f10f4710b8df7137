using Microsoft.Extensions.Logging;
using Sems.Silo.Hosting;

namespace Sems.Silo.Simulation;

/// <summary>Runs scenarios against SEMS in one embedded silo on a simulated clock per scenario, two at a time, with progress on stderr.</summary>
public static class Simulations
{
    /// <param name="heatParameters">The twin's heat network per scenario; null for the default plant everywhere.</param>
    public static async Task<IReadOnlyList<SimulationResult>> RunAsync(IReadOnlyList<Scenario> scenarios, TextWriter progress, int parallel = 2,
        Func<Scenario, Sems.Twin.Plants.HeatNetworkParameters>? heatParameters = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var results = new SimulationResult[scenarios.Count];
        var clocks = scenarios.Select(s => new SimulatedClock(s.Start)).ToList();
        // One silo per scenario keeps each scenario's clock its own; silos are cheap next to 1,344 cycles.
        using var gate = new SemaphoreSlim(Math.Max(1, parallel));
        var done = 0;
        var total = scenarios.Sum(s => s.Steps);
        var lastPrinted = -1;
        var progressLock = new object();
        await Task.WhenAll(scenarios.Select(async (scenario, k) =>
        {
            await gate.WaitAsync();
            try
            {
                await using var silo = await EmbeddedSilo.StartAsync(LogLevel.Error, clocks[k]);
                var simulation = new CoSimulation(silo.Grains, clocks[k], scenario) { HeatParameters = heatParameters?.Invoke(scenario) ?? new() };
                results[k] = await simulation.RunAsync(new Progress<int>(_ =>
                {
                    lock (progressLock)
                    {
                        var percent = (int)(100L * Interlocked.Increment(ref done) / total);
                        if (percent / 5 != lastPrinted / 5)
                        {
                            lastPrinted = percent;
                            progress.Write($"\rsimulating {scenarios.Count} scenario{(scenarios.Count == 1 ? "" : "s")}: {percent,3} %");
                        }
                    }
                }));
            }
            finally
            {
                gate.Release();
            }
        }));
        progress.WriteLine();
        return results;
    }
}

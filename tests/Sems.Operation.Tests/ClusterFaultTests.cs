using Sems.Persistence.Tests;
using Xunit.Abstractions;

namespace Sems.Operation.Tests;

/// <summary>
/// Three <c>sems serve</c> processes on one PostgreSQL database serving a district of 50 subsystems, a cycle every
/// 5 s of real time (15-minute steps at 180×): a silo killed with SIGKILL in the middle of a cycle, then the whole
/// cluster stopped and started again.
/// </summary>
[Collection(OperationCollection.Name)]
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Pairs = 25; // 50 subsystems
    private const double Scale = 180;
    private readonly PostgresDatabase _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task A_silo_killed_mid_cycle_loses_no_set_point_and_duplicates_none_and_a_restarted_cluster_resumes()
    {
        using var cluster = new ClusterRun(_postgres, Pairs, Scale);
        await cluster.MigrateAsync();
        for (var k = 0; k < 3; k++) await cluster.StartSiloAsync();
        await cluster.WaitForCycleAsync(cluster.ClockCycle + 3, TimeSpan.FromMinutes(2));

        // Kill the silo that runs the coordinator (it logs the cycles) half-way through a cycle.
        var host = cluster.Silos.OrderByDescending(s => s.Lines.Count(l => l.Contains($"District {ClusterRun.District} cycle", StringComparison.Ordinal))).First();
        var cycleNow = cluster.ClockCycle;
        var midCycle = cluster.Start + (cycleNow + 1.5) * cluster.RealStep - DateTimeOffset.UtcNow;
        if (midCycle > TimeSpan.Zero) await Task.Delay(midCycle);
        var killedAt = cluster.ClockCycle;
        host.KillHard();
        output.WriteLine($"killed silo pid {host.Id} (it had logged the coordinator's cycles) in cycle {killedAt}");

        // The two left carry on: the cycles after the failover complete.
        await cluster.WaitForCycleAsync(killedAt + 6, TimeSpan.FromMinutes(3));
        var cycles = await cluster.CyclesAsync();
        output.WriteLine(ClusterRun.Describe(cycles));
        foreach (var silo in cluster.Silos.Where(s => s != host))
            output.WriteLine($"silo pid {silo.Id} logged: {string.Join("; ", silo.Lines.Where(l => l.Contains($"District {ClusterRun.District} cycle", StringComparison.Ordinal)).Select(l => l.Trim()[..Math.Min(l.Trim().Length, 40)]).TakeLast(3))}");

        var completed = cycles.Where(c => c.Value.Reports > 0).Select(c => c.Key).ToList();
        var missed = cycles.Where(c => c.Value.Missed > 0).Select(c => c.Key).ToList();
        Assert.Contains(completed, c => c > killedAt + 3);
        foreach (var (cycle, value) in cycles)
        {
            // Never both: a missed cycle is not replayed, a completed one is not reported missed.
            Assert.False(value.Reports > 0 && value.Missed > 0, $"cycle {cycle} is both completed and missed:\n{ClusterRun.Describe(cycles)}");
            // None duplicated: one row per asset per cycle.
            Assert.True(value.Setpoints == value.Assets, $"cycle {cycle}: {value.Setpoints} set-point rows for {value.Assets} assets (a duplicate):\n{ClusterRun.Describe(cycles)}");
        }

        // None lost: every completed cycle after the first full one committed (or held as fallback) every asset's set-point.
        var firstFull = cycles.First(c => c.Value.Assets == cluster.Assets).Key;
        foreach (var cycle in completed.Where(c => c > firstFull))
            Assert.True(cycles[cycle].Assets == cluster.Assets, $"cycle {cycle}: set-points for {cycles[cycle].Assets} of {cluster.Assets} assets:\n{ClusterRun.Describe(cycles)}");
        // Every cycle between the first and the last completed one is accounted for: completed or reported missed.
        for (var cycle = completed.Min(); cycle <= completed.Max(); cycle++)
            Assert.True(completed.Contains(cycle) || missed.Contains(cycle), $"cycle {cycle} is neither completed nor reported missed:\n{ClusterRun.Describe(cycles)}");

        // Stop the two left, start all three again: the district resumes at the current cycle with its cycle count.
        var lastBefore = await cluster.LastCompletedCycleAsync();
        foreach (var silo in cluster.Silos.Where(s => !s.HasExited)) await silo.InterruptAsync(TimeSpan.FromMinutes(1));
        var stoppedAt = cluster.ClockCycle;
        await Task.Delay(cluster.RealStep * 2);
        var restartBegan = cluster.ClockCycle;
        for (var k = 0; k < 3; k++) await cluster.StartSiloAsync();
        var resumedAt = cluster.ClockCycle;
        await cluster.WaitForCycleAsync(resumedAt + 2, TimeSpan.FromMinutes(3));
        var after = await cluster.CyclesAsync();
        output.WriteLine($"stopped in cycle {stoppedAt} (last completed {lastBefore}), restart began in cycle {restartBegan}, all three serving in cycle {resumedAt}");
        output.WriteLine(ClusterRun.Describe(after));

        var firstAfter = after.Keys.Where(c => c > lastBefore && after[c].Reports > 0).Min();
        // The downtime's cycles are not run late: the first cycle after the restart is one the clock was in then or later.
        Assert.True(firstAfter >= restartBegan, $"the first cycle after the restart was {firstAfter}, but the restart began in cycle {restartBegan}: a cycle was replayed into the past");
        for (var cycle = lastBefore + 1; cycle < firstAfter; cycle++)
            Assert.True(after.TryGetValue(cycle, out var v) && v.Missed > 0, $"cycle {cycle} of the downtime is not reported missed:\n{ClusterRun.Describe(after)}");
        Assert.All(after.Where(c => c.Key >= firstAfter && c.Value.Reports > 0), c => Assert.Equal(cluster.Assets, c.Value.Assets));
    }
}

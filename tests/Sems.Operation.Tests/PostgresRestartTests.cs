using Sems.Persistence.Tests;
using Xunit.Abstractions;

namespace Sems.Operation.Tests;

/// <summary>PostgreSQL stopped for two cycles and started again under a running two-silo cluster.</summary>
[Collection(OperationCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PostgresDatabase _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public async Task DisposeAsync()
    {
        try
        {
            await _postgres.ControlClusterAsync("start"); // whatever happened, leave the server running for the next test
        }
        catch (InvalidOperationException)
        {
            // pg_ctlcluster exits 2 when the server already runs: the test started it again itself
        }

        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task A_database_restart_loses_no_committed_cycle_and_corrupts_nothing()
    {
        using var cluster = new ClusterRun(_postgres, pairs: 10, scale: 180);
        await cluster.MigrateAsync();
        for (var k = 0; k < 2; k++) await cluster.StartSiloAsync();
        await cluster.WaitForCycleAsync(cluster.ClockCycle + 2, TimeSpan.FromMinutes(2));

        var downAt = cluster.ClockCycle;
        await _postgres.ControlClusterAsync("stop");
        await Task.Delay(cluster.RealStep * 2);
        await _postgres.ControlClusterAsync("start");
        var upAt = cluster.ClockCycle;
        output.WriteLine($"PostgreSQL down from cycle {downAt} to cycle {upAt}");

        await cluster.WaitForCycleAsync(upAt + 4, TimeSpan.FromMinutes(3));
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited, $"a silo exited with {(s.HasExited ? s.ExitCode : 0)}:\n{s.Tail()}"));
        var cycles = await cluster.CyclesAsync();
        output.WriteLine(ClusterRun.Describe(cycles));

        var completed = cycles.Where(c => c.Value.Reports > 0).Select(c => c.Key).ToList();
        foreach (var (cycle, value) in cycles)
        {
            Assert.True(value.Reports <= 1, $"cycle {cycle} has {value.Reports} reports:\n{ClusterRun.Describe(cycles)}");
            Assert.True(value.Setpoints == value.Assets, $"cycle {cycle}: {value.Setpoints} set-point rows for {value.Assets} assets:\n{ClusterRun.Describe(cycles)}");
        }

        // Every committed cycle is whole in the history (the writer retried through the outage), before and after it.
        foreach (var cycle in completed.Where(c => c > completed.Min()))
            Assert.True(cycles[cycle].Assets == cluster.Assets, $"cycle {cycle}: set-points of {cycles[cycle].Assets} of {cluster.Assets} assets:\n{ClusterRun.Describe(cycles)}");
        Assert.Contains(completed, c => c > upAt + 2);
        for (var cycle = completed.Min(); cycle <= completed.Max(); cycle++)
            Assert.True(cycles.TryGetValue(cycle, out var v) && (v.Reports > 0 || v.Missed > 0), $"cycle {cycle} is neither completed nor reported missed:\n{ClusterRun.Describe(cycles)}");
    }
}

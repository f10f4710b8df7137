using Microsoft.Extensions.Options;
using Sems.Contracts.History;
using Sems.Persistence.History;
using Sems.Persistence.Schema;
using Xunit.Abstractions;

namespace Sems.Persistence.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresHistoryStoreTests(PostgresDatabase db, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private async Task<string> MigratedAsync()
    {
        var connection = await db.CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(connection, CancellationToken.None);
        return connection;
    }

    private static PostgresHistoryStore Store(string connection, Action<HistoryOptions>? configure = null)
    {
        var options = new HistoryOptions { ConnectionString = connection, RetryInitialDelay = TimeSpan.FromMilliseconds(50), RetryMaxDelay = TimeSpan.FromMilliseconds(500), DrainTimeout = TimeSpan.FromMinutes(1) };
        configure?.Invoke(options);
        return new PostgresHistoryStore(Options.Create(options));
    }

    /// <summary>Waits (up to two minutes, then fails) until the writer has handled every record it took.</summary>
    private static async Task DrainedAsync(PostgresHistoryStore store, long expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (store.Counters is var c && (c.Written + c.Rejected < expected || c.Pending > 0))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task EveryKindReadsBackFieldByField()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection, o => o.BatchSize = 37);
        await store.StartAsync(CancellationToken.None);
        var records = HistorySamples.AllKinds("d1", 40).ToList();
        foreach (var r in records.Concat(HistorySamples.AllKinds("other", 2))) store.Record(r);
        await DrainedAsync(store, records.Count + 14);

        foreach (var kind in Enum.GetValues<HistoryKind>())
        {
            var expected = records.Where(r => r.Kind == kind).ToList();
            var actual = await store.ReadAsync("d1", kind, null, null, 1000, CancellationToken.None);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++) HistorySamples.AssertSame(expected[i], actual[i]);
        }
        var window = await store.ReadAsync("d1", null, HistorySamples.At(10), HistorySamples.At(12), 1000, CancellationToken.None);
        Assert.Equal(14, window.Count);
        Assert.All(window, r => Assert.InRange(r.At, HistorySamples.At(10), HistorySamples.At(11)));
        Assert.Equal(5, (await store.ReadAsync("d1", null, null, null, 5, CancellationToken.None)).Count);
        await store.StopAsync(CancellationToken.None);
        Assert.Equal(0, store.Counters.Dropped + store.Counters.Lost + store.Counters.Rejected);
    }

    [Fact]
    public async Task ReplayedSetpointCommitsAreIgnored()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection, o => o.BatchSize = 50);
        await store.StartAsync(CancellationToken.None);
        var first = Enumerable.Range(0, 120).Select(i => HistorySamples.Setpoint("d1", i, 3)).ToList();
        foreach (var s in first) store.Record(s);
        await DrainedAsync(store, 120);
        foreach (var s in first.Take(80)) store.Record(s with { Source = "replay", Values = new Dictionary<string, double> { ["powerKw"] = -1 } });
        await DrainedAsync(store, 200);

        var stored = (await store.ReadAsync("d1", HistoryKind.Setpoint, null, null, 1000, CancellationToken.None)).Cast<SetpointRecord>().ToList();

        Assert.Equal(120, stored.Count);
        Assert.DoesNotContain(stored, s => s.Source == "replay");
        Assert.Equal(80, store.Counters.Duplicates);
        Assert.Equal(120L, await db.ScalarAsync<long>(connection, "SELECT count(DISTINCT (subsystem, asset, cycle)) FROM history_setpoint"));
    }

    [Fact]
    public async Task InvalidRecordIsRejectedAloneAndTheRestOfItsBatchIsKept()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection, o => o.BatchSize = 100);
        var batch = Enumerable.Range(0, 10).Select(i => (HistoryRecord)HistorySamples.Measurement("d1", i)).ToList();
        batch[4] = HistorySamples.Measurement("d1", 4) with { Unit = "bad\0unit" };
        foreach (var r in batch) store.Record(r);
        await store.StartAsync(CancellationToken.None);
        await DrainedAsync(store, 10);

        var stored = (await store.ReadAsync("d1", HistoryKind.Measurement, null, null, 100, CancellationToken.None)).Cast<MeasurementRecord>();
        Assert.Equal(Enumerable.Range(0, 10).Where(i => i != 4).Select(i => $"asset{i}"), stored.Select(m => m.Asset));
        Assert.Equal(1, store.Counters.Rejected);
    }

    [Fact]
    public async Task FullQueueDropsNewRecordsAndCountsThem()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection, o => o.QueueCapacity = 10);
        for (var i = 0; i < 25; i++) store.Record(HistorySamples.LimitChange("d1", i));
        Assert.Equal(15, store.Counters.Dropped);
        await store.StartAsync(CancellationToken.None);
        await DrainedAsync(store, 10);

        var stored = await store.ReadAsync("d1", HistoryKind.LimitChange, null, null, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 10), stored.Cast<LimitChangeRecord>().Select(l => l.FromCycle));
    }

    [Fact]
    public async Task RetentionDeletesRowsOlderThanTheCutoffWithTheirChildrenAndTheAuditLogOnlyByItsOwnCutoff()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection);
        await store.StartAsync(CancellationToken.None);
        foreach (var r in HistorySamples.AllKinds("d1", 10)) store.Record(r);
        await DrainedAsync(store, 70);

        var deleted = await store.DeleteOlderThanAsync(HistorySamples.At(4), CancellationToken.None);

        // Six kinds at times 0…3 went; the ten audit entries stayed.
        Assert.Equal(6 * 4, deleted);
        var left = await store.ReadAsync("d1", null, null, null, 1000, CancellationToken.None);
        Assert.Equal(6 * 6 + 10, left.Count);
        Assert.All(left.Where(r => r.Kind != HistoryKind.Audit), r => Assert.True(r.At >= HistorySamples.At(4)));
        Assert.Equal(Enumerable.Range(0, 10).Select(HistorySamples.At), left.Where(r => r.Kind == HistoryKind.Audit).Select(r => r.At));
        Assert.Equal(0L, await db.ScalarAsync<long>(connection, "SELECT count(*) FROM history_plan_draw d LEFT JOIN history_plan p ON p.id = d.plan_id WHERE p.id IS NULL"));
        Assert.Equal(12L, await db.ScalarAsync<long>(connection, "SELECT count(*) FROM history_report_subsystem"));

        var audits = await store.DeleteAuditOlderThanAsync(HistorySamples.At(7), CancellationToken.None);

        // Audit entries at times 0…6 went; the history left above is untouched.
        Assert.Equal(7, audits);
        var after = await store.ReadAsync("d1", null, null, null, 1000, CancellationToken.None);
        Assert.Equal([7, 8, 9], after.OfType<AuditRecord>().Select(a => (int)(a.Version - 5_000_000_000L)));
        Assert.Equal(6 * 6, after.Count(r => r.Kind != HistoryKind.Audit));
    }

    [Fact]
    public async Task PostgreSqlRestartWhileRecordsAreQueuedLosesNothingAndDuplicatesNothing()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection, o => o.BatchSize = 500);
        await store.StartAsync(CancellationToken.None);
        const int before = 3000, during = 3000;
        for (var i = 0; i < before; i++) store.Record(HistorySamples.Measurement("d1", i));
        await db.ControlClusterAsync("stop");
        try
        {
            for (var i = before; i < before + during; i++) store.Record(HistorySamples.Measurement("d1", i));
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            {
                while (store.Counters.Retried == 0) await Task.Delay(20, timeout.Token);
            }
            Assert.True(store.Counters.Pending > 0);
        }
        finally
        {
            await db.ControlClusterAsync("start");
        }
        await DrainedAsync(store, before + during);

        var assets = await db.ColumnAsync(connection, "SELECT asset FROM history_measurement");
        Assert.Equal(before + during, assets.Count);
        Assert.Equal(Enumerable.Range(0, before + during).Select(i => $"asset{i}").Order(), assets.Order());
        Assert.Equal(0, store.Counters.Dropped + store.Counters.Lost + store.Counters.Rejected);
        output.WriteLine($"counters after the restart: {store.Counters}");
    }

    [Fact]
    public async Task A_batch_of_100000_setpoints_arrives_whole()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection, o => o.QueueCapacity = 100_000);
        const int n = 100_000;
        var records = Enumerable.Range(0, n).Select(i => HistorySamples.Setpoint("bench", i % 1000, i / 1000)).ToList();
        foreach (var r in records) store.Record(r);
        await store.StartAsync(CancellationToken.None);
        await DrainedAsync(store, n);

        // The rate is measured in the benchmark: bench/Sems.Bench.Coordination --history-rate CONN.
        Assert.Equal((long)n, await db.ScalarAsync<long>(connection, "SELECT count(*) FROM history_setpoint"));
        Assert.Equal(0, store.Counters.Dropped);
    }
}

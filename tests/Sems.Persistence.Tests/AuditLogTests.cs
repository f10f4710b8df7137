using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sems.Contracts.History;
using Sems.Persistence.History;
using Sems.Persistence.Schema;

namespace Sems.Persistence.Tests;

/// <summary>
/// The audit log (<see cref="AuditRecord"/>, table sems_audit) on PostgreSQL and in memory: read back by district and
/// time, refused whole (and counted) when a text is over its bound, and kept under its own retention.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditLogTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private async Task<string> MigratedAsync()
    {
        var connection = await db.CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(connection, CancellationToken.None);
        return connection;
    }

    private static PostgresHistoryStore Store(string connection, Action<HistoryOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new HistoryOptions { ConnectionString = connection, RetryInitialDelay = TimeSpan.FromMilliseconds(50), RetryMaxDelay = TimeSpan.FromMilliseconds(500), DrainTimeout = TimeSpan.FromMinutes(1) };
        configure?.Invoke(options);
        return new PostgresHistoryStore(Options.Create(options), time);
    }

    private static async Task DrainedAsync(IHistoryStoreStatistics store, long expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (store.Counters is var c && (c.Written + c.Rejected < expected || c.Pending > 0)) await Task.Delay(20, timeout.Token);
    }

    private static AuditRecord Entry(int i, string district = "d1") =>
        new(district, Now.AddMinutes(i), "dso-north", AuditActions.LimitSet, i, $"entry {i}", $"req-{i}");

    /// <summary>
    /// Twelve entries, each at one bound or one past it (or with a NUL, or a missing text); Version is the case number.
    /// The kept ones are 0, 2, 4, 6 and 8: at most 256 characters of principal (256 two-byte "é" are 512 bytes), 32 of
    /// action, 4,096 of detail (4,096 "🔌" are 8,192 UTF-16 units and 16,384 bytes), 128 of request id, 64 of district.
    /// </summary>
    private static AuditRecord[] BoundaryCases()
    {
        var ok = Entry(0);
        return
        [
            ok with { Principal = new string('é', 256), Version = 0 },
            ok with { Principal = new string('p', 257), Version = 1 },
            ok with { Action = new string('a', 32), Version = 2 },
            ok with { Action = new string('a', 33), Version = 3 },
            ok with { Detail = string.Concat(Enumerable.Repeat("🔌", 4096)), Version = 4 },
            ok with { Detail = new string('x', 4097), Version = 5 },
            ok with { RequestId = new string('r', 128), Version = 6 },
            ok with { RequestId = new string('r', 129), Version = 7 },
            ok with { District = new string('d', 64), Version = 8 },
            ok with { District = new string('d', 65), Version = 9 },
            ok with { Detail = "nul\0inside", Version = 10 },
            ok with { Principal = null!, Version = 11 },
        ];
    }

    private static async Task<List<long>> KeptVersionsAsync(IHistoryReader store)
    {
        var kept = new List<HistoryRecord>();
        kept.AddRange(await store.ReadAsync("d1", HistoryKind.Audit, null, null, 100, CancellationToken.None));
        kept.AddRange(await store.ReadAsync(new string('d', 64), HistoryKind.Audit, null, null, 100, CancellationToken.None));
        kept.AddRange(await store.ReadAsync(new string('d', 65), HistoryKind.Audit, null, null, 100, CancellationToken.None));
        return [.. kept.Cast<AuditRecord>().Select(a => a.Version).Order()];
    }

    [Fact]
    public async Task Audit_entries_read_back_whole_by_district_and_time_window_oldest_first()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection, o => o.BatchSize = 4);
        await store.StartAsync(CancellationToken.None);
        var d1 = Enumerable.Range(0, 10).Select(i => HistorySamples.Audit("d1", i)).ToList();
        foreach (var r in d1.Concat(Enumerable.Range(0, 3).Select(i => HistorySamples.Audit("d2", i))).Reverse()) store.Record(r);
        await DrainedAsync(store, 13);

        var all = await store.ReadAsync("d1", HistoryKind.Audit, null, null, 100, CancellationToken.None);
        var window = await store.ReadAsync("d1", HistoryKind.Audit, HistorySamples.At(3), HistorySamples.At(6), 100, CancellationToken.None);
        var first2 = await store.ReadAsync("d1", HistoryKind.Audit, null, null, 2, CancellationToken.None);

        Assert.Equal(10, all.Count);
        for (var i = 0; i < 10; i++) HistorySamples.AssertSame(d1[i], all[i]);
        Assert.Equal([5_000_000_003L, 5_000_000_004L, 5_000_000_005L], window.Cast<AuditRecord>().Select(a => a.Version));
        Assert.Equal(["req-0000", "req-0001"], first2.Cast<AuditRecord>().Select(a => a.RequestId));
        Assert.Equal(["dso-north", "Zoë Ørsted 1"], all.Take(2).Cast<AuditRecord>().Select(a => a.Principal));
        Assert.Equal(3, (await store.ReadAsync("d2", HistoryKind.Audit, null, null, 100, CancellationToken.None)).Count);
        Assert.Equal(0, store.Counters.Rejected + store.Counters.Dropped);
    }

    [Fact]
    public async Task PostgreSql_refuses_an_entry_over_a_bound_whole_counts_it_rejected_and_keeps_the_rest_untruncated()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection, o => o.BatchSize = 100);
        foreach (var r in BoundaryCases()) store.Record(r);
        await store.StartAsync(CancellationToken.None);
        await DrainedAsync(store, 12);

        Assert.Equal([0L, 2, 4, 6, 8], await KeptVersionsAsync(store));
        Assert.Equal(7, store.Counters.Rejected);
        Assert.Equal(5, store.Counters.Written);
        Assert.Equal(["0 256 512", "4 4096 16384"], await db.ColumnAsync(connection,
            "SELECT version || ' ' || greatest(char_length(principal), char_length(detail)) || ' ' || greatest(octet_length(principal), octet_length(detail)) FROM sems_audit WHERE version IN (0, 4) ORDER BY version"));
    }

    [Fact]
    public async Task The_in_memory_store_refuses_the_same_entries_as_PostgreSql()
    {
        var store = new InMemoryHistoryStore(Options.Create(new HistoryOptions()));
        foreach (var r in BoundaryCases()) store.Record(r);

        Assert.Equal([0L, 2, 4, 6, 8], await KeptVersionsAsync(store));
        Assert.Equal(7, store.Counters.Rejected);
        Assert.Equal(5, store.Counters.Written);
        Assert.Equal(12, store.Counters.Enqueued);
    }

    [Fact]
    public async Task A_full_queue_drops_other_records_but_never_an_audit_entry()
    {
        var connection = await MigratedAsync();
        await using var store = Store(connection, o => o.QueueCapacity = 10);
        for (var i = 0; i < 25; i++)
        {
            store.Record(HistorySamples.LimitChange("d1", i));
            if (i % 5 == 4) store.Record(Entry(i));
        }

        // 10 limit changes fit; 15 are dropped; the 5 audit entries (i = 4, 9, 14, 19, 24) are all queued beside them.
        Assert.Equal((15L, 15L), (store.Counters.Dropped, store.Counters.Pending));
        await store.StartAsync(CancellationToken.None);
        await DrainedAsync(store, 15);

        Assert.Equal([4L, 9, 14, 19, 24], (await store.ReadAsync("d1", HistoryKind.Audit, null, null, 100, CancellationToken.None)).Cast<AuditRecord>().Select(a => a.Version));
        Assert.Equal(Enumerable.Range(0, 10), (await store.ReadAsync("d1", HistoryKind.LimitChange, null, null, 100, CancellationToken.None)).Cast<LimitChangeRecord>().Select(l => l.FromCycle));

        // The writer gave the ten places back: ten more limit changes fit again.
        for (var i = 100; i < 110; i++) store.Record(HistorySamples.LimitChange("d1", i));
        Assert.Equal(15L, store.Counters.Dropped);
    }

    [Fact]
    public async Task Retention_keeps_audit_entries_for_AuditRetentionDays_and_the_rest_for_RetentionDays()
    {
        var connection = await MigratedAsync();
        var clock = new FakeTimeProvider(Now);
        await using var store = Store(connection, o =>
        {
            o.RetentionDays = 30;
            o.AuditRetentionDays = 400;
            o.RetentionInterval = TimeSpan.FromHours(1);
        }, clock);
        // One record of every kind 10, 100 and 500 days old.
        double[] ages = [10, 100, 500];
        var records = ages.SelectMany((days, i) => HistorySamples.AllKinds("d1", i + 1).Skip(7 * i).Select(r => r with { At = Now.AddDays(-days) })).ToList();
        Assert.Equal(21, records.Count);
        foreach (var r in records) store.Record(r);
        await store.StartAsync(CancellationToken.None);
        await DrainedAsync(store, 21);

        // The history keeps what is younger than 30 days (the six kinds at 10 days); the audit log what is younger than
        // 400 days (10 and 100 days). Each hour of fake time is one retention run; a day of them moves no cutoff past a record.
        const string Count = "SELECT (SELECT count(*) FROM sems_audit) || ' ' || ((SELECT count(*) FROM history_measurement) + (SELECT count(*) FROM history_forecast) + (SELECT count(*) FROM history_plan) + (SELECT count(*) FROM history_setpoint) + (SELECT count(*) FROM history_report) + (SELECT count(*) FROM history_limit_change))";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var advanced = 0;
        string counts;
        while ((counts = await db.ScalarAsync<string>(connection, Count)) != "2 6" && !timeout.IsCancellationRequested)
        {
            if (advanced++ < 24) clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(50, CancellationToken.None);
        }

        Assert.Equal("2 6", counts);
        var left = await store.ReadAsync("d1", null, null, null, 100, CancellationToken.None);
        Assert.Equal([Now.AddDays(-100), Now.AddDays(-10)], left.Where(r => r.Kind == HistoryKind.Audit).Select(r => r.At));
        Assert.All(left.Where(r => r.Kind != HistoryKind.Audit), r => Assert.Equal(Now.AddDays(-10), r.At));
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Sems.Contracts.History;
using Sems.Persistence.History;
using Sems.Persistence.Schema;

namespace Sems.Bench.Coordination;

/// <summary>
/// The history store's write rate alone: N set-point records queued, then the writer started and timed until the last
/// is committed (binary COPY in batches of <see cref="HistoryOptions.BatchSize"/>).
/// </summary>
public static class HistoryWriteRate
{
    public static async Task<int> RunAsync(string connectionString, int records)
    {
        await new SchemaMigrator().MigrateAsync(connectionString, CancellationToken.None);
        var options = new HistoryOptions { ConnectionString = connectionString, QueueCapacity = records };
        await using var store = new PostgresHistoryStore(Options.Create(options));
        var district = $"rate-{Guid.NewGuid():N}";
        var at = new DateTimeOffset(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < records; i++)
        {
            var cycle = i / 1000;
            store.Record(new SetpointRecord(district, at.AddMinutes(15 * cycle), $"sub{i % 4}", $"asset{i % 1000}", cycle, at.AddMinutes(15 * (cycle + 1)),
                new Dictionary<string, double> { ["powerKw"] = i * 0.1 }, "plan"));
        }

        var clock = Stopwatch.StartNew();
        await store.StartAsync(CancellationToken.None);
        while (store.Counters is var c && (c.Written + c.Rejected < records || c.Pending > 0)) await Task.Delay(5);
        clock.Stop();
        await store.StopAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"history write rate: {records} set-points in {clock.Elapsed.TotalSeconds:0.00} s = {records / clock.Elapsed.TotalSeconds:0} records/s (batch size {options.BatchSize}); counters: {store.Counters}"));
        return 0;
    }
}

using Microsoft.Extensions.Options;
using Sems.Contracts.History;

namespace Sems.Persistence.History;

/// <summary>
/// The embedded history store: no server, each kind kept in memory up to <see cref="HistoryOptions.InMemoryCapacityPerKind"/>
/// records; beyond that the oldest record of that kind is dropped and counted. A set-point for a (district, subsystem,
/// asset, cycle) already held is ignored, as in PostgreSQL. An audit entry PostgreSQL's constraints would refuse (a text
/// over its length bound, a NUL character, a missing text) is refused here too and counted as rejected.
/// </summary>
public sealed class InMemoryHistoryStore : IHistorySink, IHistoryReader, IHistoryStoreStatistics
{
    private readonly int capacity;
    private readonly Dictionary<HistoryKind, LinkedList<HistoryRecord>> byKind = Enum.GetValues<HistoryKind>().ToDictionary(k => k, _ => new LinkedList<HistoryRecord>());
    private readonly HashSet<(string, string, string, int)> setpointKeys = [];
    private readonly Lock gate = new();
    private long enqueued;
    private long dropped;
    private long duplicates;
    private long rejected;

    public InMemoryHistoryStore(IOptions<HistoryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.Validate() is { Count: > 0 } problems) throw new OptionsValidationException(HistoryOptions.Section, typeof(HistoryOptions), problems);
        capacity = options.Value.InMemoryCapacityPerKind;
    }

    public HistoryStoreCounters Counters
    {
        get
        {
            lock (gate) return new HistoryStoreCounters(enqueued, enqueued - rejected, dropped, 0, duplicates, rejected, 0, 0);
        }
    }

    /// <inheritdoc />
    public void Record(HistoryRecord record)
    {
        if (record is null) return;
        lock (gate)
        {
            enqueued++;
            if (record is AuditRecord a && AuditRecordLimits.Problem(a) is not null)
            {
                rejected++;
                return;
            }
            if (record is SetpointRecord s && !setpointKeys.Add(SetpointKey(s)))
            {
                duplicates++;
                return;
            }
            var list = byKind[record.Kind];
            list.AddLast(record);
            if (list.Count <= capacity) return;
            var oldest = list.First!.Value;
            list.RemoveFirst();
            dropped++;
            if (oldest is SetpointRecord evicted) setpointKeys.Remove(SetpointKey(evicted));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryRecord>> ReadAsync(string district, HistoryKind? kind, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        List<HistoryRecord> matches;
        lock (gate)
        {
            matches = (kind is { } k ? byKind[k] : byKind.Values.SelectMany(l => l))
                .Where(r => r.District == district && (from is null || r.At >= from) && (to is null || r.At < to))
                .ToList();
        }
        IReadOnlyList<HistoryRecord> result = matches.OrderBy(r => r.At).Take(limit).ToList();
        return Task.FromResult(result);
    }

    private static (string, string, string, int) SetpointKey(SetpointRecord s) => (s.District, s.Subsystem, s.Asset, s.Cycle);
}

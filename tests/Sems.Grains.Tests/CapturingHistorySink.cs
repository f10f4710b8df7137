using System.Collections.Concurrent;
using Sems.Contracts.History;

namespace Sems.Grains.Tests;

/// <summary>A history sink that keeps every record in memory, for tests to read back.</summary>
public sealed class CapturingHistorySink : IHistorySink
{
    private readonly ConcurrentQueue<HistoryRecord> _records = new();

    public void Record(HistoryRecord record) => _records.Enqueue(record);

    public IReadOnlyList<T> Of<T>(string district) where T : HistoryRecord => _records.OfType<T>().Where(r => r.District == district).ToList();
}

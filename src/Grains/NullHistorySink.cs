using Sems.Contracts.History;

namespace Sems.Grains;

/// <summary>What grains write to when the host registered no <see cref="IHistorySink"/>: nothing is kept.</summary>
public sealed class NullHistorySink : IHistorySink
{
    public static NullHistorySink Instance { get; } = new();

    public void Record(HistoryRecord record)
    {
    }
}

namespace Sems.Persistence.History;

/// <summary>The counters of a history store, for logs, metrics and the CLI.</summary>
public interface IHistoryStoreStatistics
{
    HistoryStoreCounters Counters { get; }
}

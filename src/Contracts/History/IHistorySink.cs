namespace Sems.Contracts.History;

/// <summary>
/// Where grains hand what happened (measurements, forecasts, plans, set-points, cycle reports, limit changes), and the
/// API the changes it accepted (audit entries), for the history store. <see cref="Record"/> never blocks and never
/// throws: it enqueues on a bounded queue that a background writer drains in batches, off the cycle's critical path.
/// When the queue is full the record is counted as dropped.
/// </summary>
public interface IHistorySink
{
    void Record(HistoryRecord record);
}

namespace Sems.Contracts.History;

/// <summary>One row of the history: every record belongs to a district and has a time <see cref="At"/> it is indexed by.</summary>
public abstract record HistoryRecord(string District, DateTimeOffset At)
{
    public abstract HistoryKind Kind { get; }
}

namespace Sems.Contracts.History;

/// <summary>The kinds of record the history store keeps, one table each (<see cref="Audit"/>: the audit log, under its own retention).</summary>
public enum HistoryKind
{
    Measurement,
    Forecast,
    Plan,
    Setpoint,
    Report,
    LimitChange,
    Audit,
}

namespace Sems.Contracts.History;

/// <summary>The kinds of record the history store keeps, one table each.</summary>
public enum HistoryKind
{
    Measurement,
    Forecast,
    Plan,
    Setpoint,
    Report,
    LimitChange,
}

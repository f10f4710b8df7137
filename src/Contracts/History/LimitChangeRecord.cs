namespace Sems.Contracts.History;

/// <summary>A change of a district limit: the new values (kW per step) from cycle <see cref="FromCycle"/>, who changed it. At = when accepted.</summary>
public sealed record LimitChangeRecord(
    string District,
    DateTimeOffset At,
    string Resource,
    int FromCycle,
    IReadOnlyList<double> ValuesKw,
    string Source) : HistoryRecord(District, At)
{
    public override HistoryKind Kind => HistoryKind.LimitChange;
}

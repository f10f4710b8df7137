namespace Sems.Contracts.History;

/// <summary>A forecast series a subsystem planned cycle <see cref="Cycle"/> with. At = the start of that cycle's horizon.</summary>
public sealed record ForecastRecord(
    string District,
    DateTimeOffset At,
    string Subsystem,
    int Cycle,
    string Series,
    int StepMinutes,
    IReadOnlyList<double> Values) : HistoryRecord(District, At)
{
    public override HistoryKind Kind => HistoryKind.Forecast;
}

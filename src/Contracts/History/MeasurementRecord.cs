namespace Sems.Contracts.History;

/// <summary>A measurement an asset grain received, accepted or rejected (with the reason). At = the measurement's timestamp.</summary>
public sealed record MeasurementRecord(
    string District,
    DateTimeOffset At,
    string Subsystem,
    string Asset,
    string Quantity,
    IReadOnlyList<double> Values,
    string Unit,
    DateTimeOffset ReceivedAt,
    bool Accepted,
    string? Reason) : HistoryRecord(District, At)
{
    public override HistoryKind Kind => HistoryKind.Measurement;
}

namespace Sems.Contracts.History;

/// <summary>
/// A set-point committed to one asset for one cycle: values by name (e.g. "powerKw", "chargeKw") valid from At until
/// <see cref="ValidUntil"/>. <see cref="Source"/> is "plan" or "fallback" (a subsystem that failed kept its last set-points).
/// </summary>
public sealed record SetpointRecord(
    string District,
    DateTimeOffset At,
    string Subsystem,
    string Asset,
    int Cycle,
    DateTimeOffset ValidUntil,
    IReadOnlyDictionary<string, double> Values,
    string Source) : HistoryRecord(District, At)
{
    public override HistoryKind Kind => HistoryKind.Setpoint;
}

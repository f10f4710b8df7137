namespace Sems.Contracts.History;

/// <summary>
/// A subsystem's plan of one cycle: <see cref="Stage"/> "initial" (its own MPC) or "resolved" (under a tightened limit),
/// its status, objective terms (eq. 23) and per-resource draw profile in kW (eq. 25). At = the start of the horizon.
/// </summary>
public sealed record PlanRecord(
    string District,
    DateTimeOffset At,
    string Subsystem,
    int Cycle,
    string Stage,
    string Status,
    bool Accepted,
    double Objective,
    double EnergyTerm,
    double StorageTerm,
    double ComfortTerm,
    IReadOnlyDictionary<string, double> FactorTotals,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw,
    int StepMinutes) : HistoryRecord(District, At)
{
    public override HistoryKind Kind => HistoryKind.Plan;
}

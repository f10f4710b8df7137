namespace Sems.Contracts.History;

/// <summary>
/// One coordination cycle: the limits, the district draw and excess before and after (kW per step), the violation (kWh),
/// rounds and re-solves, and each subsystem's outcome. <see cref="Missed"/> marks a cycle that could not run (then the
/// profiles are empty). At = the start of the cycle's horizon.
/// </summary>
public sealed record ReportRecord(
    string District,
    DateTimeOffset At,
    int Cycle,
    string Mode,
    bool Missed,
    int Rounds,
    int Resolves,
    IReadOnlyDictionary<string, IReadOnlyList<double>> LimitKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawBeforeKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawAfterKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> ExcessBeforeKw,
    IReadOnlyDictionary<string, IReadOnlyList<double>> ExcessAfterKw,
    IReadOnlyDictionary<string, double> ViolationBeforeKwh,
    IReadOnlyDictionary<string, double> ViolationAfterKwh,
    IReadOnlyList<SubsystemOutcomeRecord> Subsystems,
    int SetpointsCommitted,
    double WallMs,
    int StepMinutes) : HistoryRecord(District, At)
{
    public override HistoryKind Kind => HistoryKind.Report;
}

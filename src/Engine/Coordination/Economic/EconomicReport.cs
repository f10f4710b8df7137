namespace Sems.Engine.Coordination.Economic;

/// <summary>The outcome of one cycle of economic coordination (price rounds, then the feasibility repair).</summary>
/// <param name="Rounds">Batch rounds run, each a wave of subsystem solves answered in parallel: the seed round, the
/// pricing rounds (each with its repair) and, when the stop did not come from a repaired plan, the final repair.</param>
/// <param name="Converged">True when the gap reached the tolerance with no slack in the master.</param>
/// <param name="Trace">Per round: bounds, gap, residuals.</param>
/// <param name="LowerBound">The best Lagrangian lower bound, objective units (of the problem with fixed MILP participants held fixed).</param>
/// <param name="UpperBound">The upper bound the final plans certify, objective units: their cost when they hold every limit;
/// otherwise the final master's objective (slack penalty included).</param>
/// <param name="Gap">(UB − LB)/|UB| at the end: the certified gap.</param>
/// <param name="ObjectiveTotal">Σ_ℓ J_ℓ of the final plans, objective units.</param>
/// <param name="GapToReference">(ObjectiveTotal − reference)/|reference| when <see cref="EconomicOptions.ReferenceObjective"/> was given.</param>
/// <param name="PricePerKwh">The final prices per node id: resource → per step, currency/kWh (the master's duals).</param>
/// <param name="Participants">Per participant, in the order given.</param>
/// <param name="Loads">Per node and limited resource, the final draws' sum against the limit, checked from the final draws.</param>
/// <param name="Warm">What the next cycle starts from (shift it with <see cref="EconomicWarmStart.Shift"/>).</param>
public sealed record EconomicReport(
    int Rounds,
    bool Converged,
    IReadOnlyList<EconomicRound> Trace,
    double LowerBound,
    double UpperBound,
    double Gap,
    double ObjectiveTotal,
    double? GapToReference,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> PricePerKwh,
    IReadOnlyList<EconomicOutcome> Participants,
    IReadOnlyList<NodeLoad> Loads,
    EconomicWarmStart Warm)
{
    /// <summary>Wall time spent solving the master LP, over every round.</summary>
    public TimeSpan MasterSolveTime { get; init; }

    /// <summary>True when every node's limit holds for the final draws. When false, run Algorithm 1 on <see cref="Excess"/>.</summary>
    public bool LimitsHold => NodeLoads.Hold(Loads);

    /// <summary>True when every participant accepted its allocation.</summary>
    public bool Repaired => Participants.All(p => p.Repaired);

    /// <summary>The loads still above their limits (empty when the limits hold).</summary>
    public IReadOnlyList<NodeLoad> Excess => Loads.Where(l => l.ViolationKwh > 0).ToList();
}

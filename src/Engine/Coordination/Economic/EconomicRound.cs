namespace Sems.Engine.Coordination.Economic;

/// <summary>One pricing round of the economic coordinator.</summary>
/// <param name="Round">1 for the first.</param>
/// <param name="UpperBound">The master's objective before this round's pricing (slack penalty included), objective units.</param>
/// <param name="LowerBound">The best Lagrangian lower bound so far, after this round's pricing, objective units.</param>
/// <param name="Gap">(UB − LB)/|UB| with this round's bounds, UB the least of the slack-free master's objective and the best repaired plan's cost.</param>
/// <param name="PriceChangePerKwh">The dual residual: the Plim-weighted mean |Δ price| between this round's prices and the last round's, currency/kWh.</param>
/// <param name="ProposalExcessKw">The primal residual of the proposals: max over nodes, resources and steps of this round's proposals' summed draw above the limit, kW.</param>
/// <param name="MasterSlackKw">The largest elastic slack in the master before this round's pricing, kW.</param>
/// <param name="Smoothing">The α the prices of this round were smoothed with (lowered after a mis-pricing).</param>
/// <param name="MisPriced">True when no column of this round improves the master at its own duals (Wentges' mis-pricing).</param>
/// <param name="Columns">Columns in the master after this round.</param>
public sealed record EconomicRound(
    int Round,
    double UpperBound,
    double LowerBound,
    double Gap,
    double PriceChangePerKwh,
    double ProposalExcessKw,
    double MasterSlackKw,
    double Smoothing,
    bool MisPriced,
    int Columns)
{
    /// <summary>Σ J of this round's repair of the master's allocation when it held every limit (an upper bound); null otherwise or when not repaired.</summary>
    public double? RepairedObjective { get; init; }
}

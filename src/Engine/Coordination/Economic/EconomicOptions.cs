namespace Sems.Engine.Coordination.Economic;

/// <summary>Options of the economic coordination mode (Dantzig–Wolfe price coordination with Wentges smoothing).</summary>
public sealed record EconomicOptions
{
    /// <summary>
    /// The most batch rounds before the final feasibility repair (which, when needed, is one more): the seed round and
    /// every pricing round, in each of which every subsystem answers its questions in parallel.
    /// </summary>
    public int MaxRounds { get; init; } = 10;

    /// <summary>Stop when (UB − LB)/|UB| is at most this and the master needs no slack (0.005 = 0.5 %).</summary>
    public double GapTolerance { get; init; } = 0.005;

    /// <summary>α of Wentges smoothing: the next prices are α·(stability centre) + (1 − α)·(master duals); 0 turns smoothing off.</summary>
    public double Smoothing { get; init; } = 0.7;

    /// <summary>
    /// The master's price of a kWh above a limit, currency (objective units) per kWh: its elastic slack, which only
    /// makes the first masters feasible. It must exceed every true price of the limits (exact penalty); a limit that
    /// only slack can meet is reported as not held.
    /// </summary>
    public double SlackPenaltyPerKwh { get; init; } = 1000;

    /// <summary>Excess or slack below this counts as none, kW.</summary>
    public double ToleranceKw { get; init; } = NodeLoads.DefaultToleranceKw;

    /// <summary>MILP participants are fixed to their column of largest weight after this many rounds.</summary>
    public int FixIntegerAfterRounds { get; init; } = 2;

    /// <summary>
    /// Repair every master's allocation in the same batch round as its pricing: the repaired plans are extra columns,
    /// and their cost is an upper bound whenever they hold every limit, so the run stops as soon as
    /// (repaired cost − LB)/|repaired cost| ≤ <see cref="GapTolerance"/> and needs no separate repair round. Doubles
    /// the subsystem solves per round, not the rounds.
    /// </summary>
    public bool RepairEachRound { get; init; } = true;

    /// <summary>
    /// With smoothing, price the master's own duals too in the same batch round: a second column per participant, a
    /// second Lagrangian bound, and pure Dantzig–Wolfe pricing (no improving column there proves the master optimal).
    /// </summary>
    public bool PriceMasterDuals { get; init; } = true;

    /// <summary>
    /// Price, in the same batch round, the node prices estimated from the last cap round's marginal values (each
    /// participant's <see cref="RepairedPlan.CapPricePerKwh"/>): near-optimal prices once the allocations are, so a
    /// strong Lagrangian bound early and columns near the optimum. Without marginal values in the answers it does nothing.
    /// </summary>
    public bool PriceCapEstimates { get; init; } = true;

    /// <summary>
    /// At most this many convexity rows in the master (0: one per participant). Above it, the participants at each node
    /// are aggregated in chunks: a master column is one plan per member, weighted as one, so the master stays small at
    /// thousands of participants; the bounds and the repair stay exact, the master is only coarser. MILP participants
    /// are never aggregated.
    /// </summary>
    public int MaxMasterGroups { get; init; } = 200;

    /// <summary>Drop a column after this many masters in a row without weight (0: keep every column).</summary>
    public int DropColumnsAfterRounds { get; init; }

    /// <summary>The centralised reference's objective, when the caller has it: the report then gives the gap to it.</summary>
    public double? ReferenceObjective { get; init; }

    public static EconomicOptions Default { get; } = new();

    /// <summary>Checks the options; returns the problems naming the field and the value (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxRounds < 0) problems.Add($"Economic.MaxRounds: {MaxRounds} is negative");
        if (!(GapTolerance >= 0) || !double.IsFinite(GapTolerance)) problems.Add($"Economic.GapTolerance: {GapTolerance} is not a finite number ≥ 0");
        if (!(Smoothing >= 0 && Smoothing < 1)) problems.Add($"Economic.Smoothing: {Smoothing} is not in [0, 1)");
        if (!(SlackPenaltyPerKwh > 0) || !double.IsFinite(SlackPenaltyPerKwh)) problems.Add($"Economic.SlackPenaltyPerKwh: {SlackPenaltyPerKwh} currency/kWh is not a positive finite number");
        if (!(ToleranceKw >= 0) || !double.IsFinite(ToleranceKw)) problems.Add($"Economic.ToleranceKw: {ToleranceKw} kW is not a finite number ≥ 0");
        if (FixIntegerAfterRounds < 0) problems.Add($"Economic.FixIntegerAfterRounds: {FixIntegerAfterRounds} is negative");
        if (MaxMasterGroups < 0) problems.Add($"Economic.MaxMasterGroups: {MaxMasterGroups} is negative");
        if (DropColumnsAfterRounds < 0) problems.Add($"Economic.DropColumnsAfterRounds: {DropColumnsAfterRounds} is negative");
        if (ReferenceObjective is { } r && !double.IsFinite(r)) problems.Add($"Economic.ReferenceObjective: {r} is not finite");
        return problems;
    }
}

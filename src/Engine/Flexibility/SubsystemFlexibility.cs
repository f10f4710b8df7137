namespace Sems.Engine.Flexibility;

/// <summary>
/// The flexibility of one subsystem's plan in one resource, step by step: what a DSO asks before it sets a limit.
/// </summary>
/// <param name="Steps">One entry per step of the plan's horizon, in order.</param>
/// <param name="Method">How the numbers were computed, in words (floor, ceiling, marginal costs, solves made).</param>
public sealed record SubsystemFlexibility(string SubsystemId, string Resource, IReadOnlyList<FlexibilityStep> Steps, string Method)
{
    /// <summary>The district's ISO 4217 currency code, or null when its file names none.</summary>
    public string? Currency { get; init; }

    /// <summary>
    /// The unit of the marginal costs: "GBP per kWh" (the currency, or "currency units per kWh" without one) when the
    /// subsystem weighs cost (φ_nrg·α_cost &gt; 0); "objective units per kWh" when it does not, for then its objective
    /// has no exchange rate to money.
    /// </summary>
    public string CostUnit { get; init; } = "currency units per kWh";

    /// <summary>
    /// Whether the floor is the coordinator's tightening to max(Pmin, 0) kW at every step; false when that is
    /// infeasible and the floor is the least energy drawable with no step above the plan.
    /// </summary>
    public bool FloorAtLimit { get; init; }

    /// <summary>LP or MILP solves from scratch (at most 2).</summary>
    public int ColdSolves { get; init; }

    /// <summary>Re-solves warm from the previous optimal basis after a change of bounds or objective (a few pivots each).</summary>
    public int WarmSolves { get; init; }
}

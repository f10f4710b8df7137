namespace Sems.Engine.Coordination.Economic;

/// <summary>A subsystem as the economic coordinator sees it: where it is connected, its current plan and that plan's cost.</summary>
/// <param name="Id">The subsystem's id.</param>
/// <param name="Node">The grid node it is connected to (a <see cref="LimitTree"/> id); null for the root.</param>
/// <param name="DrawKw">Its current plan's draw per resource and step, kW (eq. 25): the first column of the master problem.</param>
/// <param name="Objective">J of that plan (eq. 23, as its solver minimised it), objective units.</param>
/// <param name="IsInteger">True when its problem is a MILP (unit commitment, exclusive stores).</param>
/// <param name="HasPlan">False when it has no feasible plan: it is not priced, and <paramref name="DrawKw"/> counts as a fixed load
/// (what Algorithm 1 would count for it, e.g. its Pmax).</param>
public sealed record EconomicParticipant(
    string Id,
    string? Node,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw,
    double Objective,
    bool IsInteger = false,
    bool HasPlan = true)
{
    /// <summary>
    /// True when <see cref="DrawKw"/> is the participant's optimum without prices (its own solve): then Σ_ℓ J_ℓ is the
    /// Lagrangian bound at zero prices, and a cold start begins with that bound and zero prices as its stability centre.
    /// </summary>
    public bool IsOwnOptimum { get; init; }
}

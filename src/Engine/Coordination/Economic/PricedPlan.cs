namespace Sems.Engine.Coordination.Economic;

/// <summary>A subsystem's answer to a <see cref="PriceRequest"/>.</summary>
/// <param name="HasPlan">False when its priced problem had no solution (then the rest is ignored).</param>
/// <param name="Objective">J_ℓ of the plan found, without the price terms, objective units.</param>
/// <param name="PricedBound">A lower bound on the priced problem's optimum, J_ℓ + price·Δt·draw at the optimum: the
/// optimum itself for an LP, the solver's best bound for a MILP.</param>
/// <param name="DrawKw">The plan's draw per resource and step, kW.</param>
/// <param name="Reason">Why there is no plan, in words.</param>
public sealed record PricedPlan(
    bool HasPlan,
    double Objective,
    double PricedBound,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw,
    string? Reason = null);

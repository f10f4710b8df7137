namespace Sems.Contracts;

/// <summary>
/// A subsystem's answer to a price round of economic coordination: its plan minimising J + Σ price·Δt·draw (a
/// proposal: the plan it holds does not change).
/// </summary>
/// <param name="HasPlan">False when the priced problem had no solution (see <see cref="Reason"/>).</param>
/// <param name="Objective">J of the proposal without the price terms, objective units.</param>
/// <param name="PricedBound">A lower bound on the priced optimum, J + price·Δt·draw: the optimum of an LP, the solver's bound for a MILP.</param>
/// <param name="DrawKw">The proposal's draw per resource and step, kW.</param>
[GenerateSerializer, Immutable, Alias("sems.SubsystemPricedPlan")]
public sealed record SubsystemPricedPlan(
    [property: Id(0)] bool HasPlan,
    [property: Id(1)] double Objective,
    [property: Id(2)] double PricedBound,
    [property: Id(3)] IReadOnlyDictionary<string, double[]> DrawKw,
    [property: Id(4)] string? Reason);

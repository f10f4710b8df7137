namespace Sems.Engine.Mpc;

/// <summary>
/// What <see cref="SubsystemSession.SolvePriced"/> returned: the plan that is optimal with a price λ[p][i] per kWh
/// added to the subsystem's draw of resource p at step i, and its objectives with and without that price.
/// </summary>
/// <param name="Result">The plan, with <see cref="SubsystemResult.Objective"/> (J, eq. 23, exact) and <see cref="SubsystemResult.ModelObjective"/> (the model's J) both without the price term.</param>
/// <param name="PriceTerm">Σ_p Σ_i λ[p][i]·Δt·Psub[p][i] at the plan, in the objective's units (λ per kWh times kWh).</param>
/// <param name="PricedObjective">The model's J plus the price term: the optimum of the priced problem.</param>
/// <param name="Iterations">GLOP's simplex iterations; 0 for a MILP (solved cold by SCIP, not counted).</param>
/// <param name="Warm">True when the solve started from the previous basis.</param>
public sealed record PricedSubsystemSolve(SubsystemResult Result, double PriceTerm, double PricedObjective, long Iterations, bool Warm);

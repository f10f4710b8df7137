namespace Sems.Engine.Coordination.Economic;

/// <summary>What the economic coordination and its repair did to one participant.</summary>
/// <param name="Id">The participant's id.</param>
/// <param name="DrawKw">Its final draw per resource and step, kW: the repaired plan, or when it refused its column of largest weight.</param>
/// <param name="Objective">J_ℓ of that plan, objective units.</param>
/// <param name="AllocationKw">The master's allocation Σ_k w_k·d_k it was re-solved under (P̄max), kW; empty when not re-solved.</param>
/// <param name="Repaired">True when its re-solve within the allocation was accepted.</param>
/// <param name="FixedColumn">True for a MILP participant fixed to one of its columns (<see cref="EconomicOptions.FixIntegerAfterRounds"/>).</param>
/// <param name="Note">In words: a refusal's reason, or why it was not priced.</param>
public sealed record EconomicOutcome(
    string Id,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw,
    double Objective,
    IReadOnlyDictionary<string, IReadOnlyList<double>> AllocationKw,
    bool Repaired,
    bool FixedColumn,
    string? Note);

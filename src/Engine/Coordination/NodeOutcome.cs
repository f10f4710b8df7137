namespace Sems.Engine.Coordination;

/// <summary>One grid node and one limited resource over a coordination cycle: the draw of its subtree against its limit.</summary>
/// <param name="LimitKw">The node's Plim per step, kW; null when the node sets no limit on the resource (its excess is then 0).</param>
/// <param name="DrawBeforeKw">Σ Psub over every subsystem in the node's subtree before coordination (eqs. 25–26), kW.</param>
/// <param name="DrawAfterKw">The same after coordination, kW.</param>
/// <param name="ExcessBeforeKw">max(0, draw − Plim) before, kW.</param>
/// <param name="ExcessAfterKw">max(0, draw − Plim) after, kW: non-zero only when the node's limit cannot be met.</param>
/// <param name="ViolationBeforeKwh">Σ_i excess·Δt before, kWh.</param>
/// <param name="ViolationAfterKwh">Σ_i excess·Δt after, kWh.</param>
public sealed record NodeOutcome(
    IReadOnlyList<double>? LimitKw,
    IReadOnlyList<double> DrawBeforeKw,
    IReadOnlyList<double> DrawAfterKw,
    IReadOnlyList<double> ExcessBeforeKw,
    IReadOnlyList<double> ExcessAfterKw,
    double ViolationBeforeKwh,
    double ViolationAfterKwh)
{
    /// <summary>True when the node's limit holds after coordination (always, where it sets none).</summary>
    public bool Holds => ViolationAfterKwh <= 0;
}

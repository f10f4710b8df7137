namespace Sems.Engine.Coordination.Economic;

/// <summary>The summed draw of one limited resource at one grid node and how far it lies above the node's limit.</summary>
/// <param name="NodeId">The node's id in the <see cref="LimitTree"/>.</param>
/// <param name="Resource">The limited resource.</param>
/// <param name="DrawKw">Σ draw over every subsystem in the node's subtree, per step, kW (eqs. 25–26 per node).</param>
/// <param name="LimitKw">The node's Plim per step, kW.</param>
/// <param name="ExcessKw">max(0, draw − Plim) per step, kW; values up to the tolerance count as 0.</param>
/// <param name="ViolationKwh">Σ_i excess·Δt, kWh.</param>
public sealed record NodeLoad(
    string NodeId,
    string Resource,
    IReadOnlyList<double> DrawKw,
    IReadOnlyList<double> LimitKw,
    IReadOnlyList<double> ExcessKw,
    double ViolationKwh)
{
    /// <summary>The largest excess of any step, kW.</summary>
    public double MaxExcessKw => ExcessKw.Count == 0 ? 0 : ExcessKw.Max();
}

namespace Sems.Engine.Coordination;

/// <summary>One grid node and one limited resource over a coordination cycle: the net draw of its subtree against its limits.</summary>
/// <param name="LimitKw">The node's Plim per step, kW; null when the node sets no limit on the resource (its excess is then 0).</param>
/// <param name="DrawBeforeKw">
/// Σ of the net draws (Psub − export) over every subsystem in the node's subtree before coordination (eqs. 25–26), kW;
/// Σ Psub when nothing in the subtree exports.
/// </param>
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
    /// <summary>The node's export limit per step, kW: the most the subtree may feed back (−draw); null where it sets none.</summary>
    public IReadOnlyList<double>? ExportLimitKw { get; init; }

    /// <summary>max(0, −draw − exportMax) before coordination, kW per step (zeros where the node sets no export limit).</summary>
    public IReadOnlyList<double> ExportExcessBeforeKw { get; init; } = [];

    /// <summary>max(0, −draw − exportMax) after coordination, kW per step: non-zero only when the export limit cannot be met.</summary>
    public IReadOnlyList<double> ExportExcessAfterKw { get; init; } = [];

    /// <summary>Σ_i export excess·Δt before, kWh.</summary>
    public double ExportViolationBeforeKwh { get; init; }

    /// <summary>Σ_i export excess·Δt after, kWh.</summary>
    public double ExportViolationAfterKwh { get; init; }

    /// <summary>True when the node's limits hold after coordination, import and export (always, where it sets none).</summary>
    public bool Holds => ViolationAfterKwh <= 0 && ExportViolationAfterKwh <= 0;
}

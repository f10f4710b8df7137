namespace Sems.Contracts;

/// <summary>
/// One grid node and resource in one coordination cycle: the summed net draw (import − export) of every subsystem in the
/// node's subtree (eqs. 25–26 per node; the summed draw when nothing exports) before and after coordination, the node's limit and its excess max(0, draw − limit), per step
/// of the horizon (kW), and the violation Σ excess·Δt (kWh).
/// </summary>
/// <param name="LimitKw">Plim per step, kW; null where the node sets no limit on the resource (then the excess is 0).</param>
[GenerateSerializer, Immutable, Alias("sems.NodeResourceCycle")]
public sealed record NodeResourceCycle(
    [property: Id(0)] double[]? LimitKw,
    [property: Id(1)] double[] DrawBeforeKw,
    [property: Id(2)] double[] DrawAfterKw,
    [property: Id(3)] double[] ExcessBeforeKw,
    [property: Id(4)] double[] ExcessAfterKw,
    [property: Id(5)] double ViolationBeforeKwh,
    [property: Id(6)] double ViolationAfterKwh)
{
    /// <summary>The node's export limit per step, kW: the most the subtree may feed back (−draw); null where it sets none.</summary>
    [Id(7)] public double[]? ExportLimitKw { get; init; }

    /// <summary>max(0, −draw − exportMax) before coordination, kW per step (zeros where the node sets no export limit).</summary>
    [Id(8)] public double[] ExportExcessBeforeKw { get; init; } = [];

    /// <summary>max(0, −draw − exportMax) after coordination, kW per step.</summary>
    [Id(9)] public double[] ExportExcessAfterKw { get; init; } = [];

    /// <summary>Σ_i export excess·Δt before, kWh.</summary>
    [Id(10)] public double ExportViolationBeforeKwh { get; init; }

    /// <summary>Σ_i export excess·Δt after, kWh.</summary>
    [Id(11)] public double ExportViolationAfterKwh { get; init; }
}

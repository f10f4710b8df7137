namespace Sems.Contracts;

/// <summary>
/// One grid node and resource in one coordination cycle: the summed draw of every subsystem in the node's subtree
/// (eqs. 25–26 per node) before and after coordination, the node's limit and its excess max(0, draw − limit), per step
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
    [property: Id(6)] double ViolationAfterKwh);

namespace Sems.Contracts;

/// <summary>
/// The summed planned net draw (import − export) of a node's subtree: per resource (the call's order) and step, kW,
/// Σ of the draws when nothing exports; subsystems without an answer count 0 here.
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.NodeDraw")]
public sealed record NodeDraw(
    [property: Id(0)] string Key,
    [property: Id(1)] double[][] DrawKw);

namespace Sems.Engine.Model;

/// <summary>
/// One connection point of the district's grid (substation, feeder, building connection): the DSO's limits on the
/// summed net draw of every subsystem in its subtree (eqs. 25–27 per node), both ways.
/// </summary>
/// <param name="Id">The node's id (<see cref="Identifier"/>).</param>
/// <param name="Parent">The parent node's id; null for the root (exactly one node).</param>
/// <param name="ImportMaxKw">resource → the most the subtree's net draw (import − export) may be per step, kW.</param>
/// <param name="ExportMaxKw">resource → the most the subtree may feed back per step (−net draw), kW.</param>
public sealed record GridNode(
    string Id,
    string? Parent,
    IReadOnlyDictionary<string, Series> ImportMaxKw,
    IReadOnlyDictionary<string, Series> ExportMaxKw);

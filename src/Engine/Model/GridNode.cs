namespace Sems.Engine.Model;

/// <summary>
/// One connection point of the district's grid (substation, feeder, building connection): the DSO's limits on the
/// summed draw of every subsystem in its subtree (eqs. 25–27 per node).
/// </summary>
/// <param name="Id">The node's id (<see cref="Identifier"/>).</param>
/// <param name="Parent">The parent node's id; null for the root (exactly one node).</param>
/// <param name="ImportMaxKw">resource → the most the subtree may draw per step, kW.</param>
/// <param name="ExportMaxKw">resource → the most the subtree may feed back per step, kW (read and kept; not yet enforced).</param>
public sealed record GridNode(
    string Id,
    string? Parent,
    IReadOnlyDictionary<string, Series> ImportMaxKw,
    IReadOnlyDictionary<string, Series> ExportMaxKw);

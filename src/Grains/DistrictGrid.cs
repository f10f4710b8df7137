using Sems.Contracts.Definitions;
using Sems.Engine.Coordination;

namespace Sems.Grains;

/// <summary>
/// The grid a coordinator runs, from its definition: nodes root first with their file limits (a file without a grid has
/// one root named after the district holding the district limits) and per node the draw, limit, excess and violation of a cycle (eqs. 25–27 per node).
/// </summary>
public static class DistrictGrid
{
    /// <summary>The grid's nodes root first, parents before children (siblings in file order); one root named after the district when it has none.</summary>
    public static List<GridNodeDefinition> Ordered(DistrictDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Grid.Length == 0)
            return [new GridNodeDefinition(definition.Shared.Name, null, new Dictionary<string, double[]>(StringComparer.Ordinal), new Dictionary<string, double[]>(StringComparer.Ordinal))];
        return Sorted(definition.Grid) ?? throw new ArgumentException("the grid's nodes are not one tree", nameof(definition));
    }

    /// <summary>The root's file limits: <c>districtLimits</c> and the grid root's importMax.</summary>
    public static Dictionary<string, double[]> RootLimits(DistrictDefinition definition, GridNodeDefinition root)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(root);
        var limits = definition.LimitsKw.ToDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.Ordinal);
        foreach (var (resource, values) in root.ImportMaxKw) limits[resource] = values.ToArray();
        return limits;
    }

    /// <summary>
    /// Per node and resource (limited at the node or drawn in its subtree): the summed net draw of its subtree before and
    /// after, its limit, excess max(0, draw − limit) and violation Σ excess·Δt, and where the node limits exports its
    /// export limit, export excess max(0, −draw − exportMax) and export violation.
    /// </summary>
    /// <param name="before">Per participant, its net draw (import − export) before coordination, kW.</param>
    /// <param name="after">Per participant, its net draw after coordination, kW.</param>
    /// <param name="nodeOf">Per participant, its node's index in <paramref name="tree"/>.</param>
    public static Dictionary<string, IReadOnlyDictionary<string, Sems.Contracts.NodeResourceCycle>> Nodes(
        LimitTree tree, IReadOnlyList<int> nodeOf,
        IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>> before,
        IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>> after,
        int steps, double stepHours)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(nodeOf);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var sumBefore = Sums(tree, nodeOf, before, steps);
        var sumAfter = Sums(tree, nodeOf, after, steps);
        var nodes = new Dictionary<string, IReadOnlyDictionary<string, Sems.Contracts.NodeResourceCycle>>(StringComparer.Ordinal);
        for (var k = 0; k < tree.Count; k++)
        {
            var resources = tree.ImportMaxKw[k].Keys.Concat(tree.ExportMaxKw[k].Keys).Concat(sumBefore[k].Keys).Concat(sumAfter[k].Keys).Distinct(StringComparer.Ordinal);
            var perResource = new Dictionary<string, Sems.Contracts.NodeResourceCycle>(StringComparer.Ordinal);
            foreach (var resource in resources)
            {
                var limit = tree.ImportMaxKw[k].TryGetValue(resource, out var l) ? l.ToArray() : null;
                var drawBefore = sumBefore[k].GetValueOrDefault(resource) ?? new double[steps];
                var drawAfter = sumAfter[k].GetValueOrDefault(resource) ?? new double[steps];
                var excessBefore = Excess(drawBefore, limit);
                var excessAfter = Excess(drawAfter, limit);
                var exportLimit = tree.ExportMaxKw[k].TryGetValue(resource, out var x) ? x.ToArray() : null;
                var exportBefore = Excess(drawBefore.Select(d => -d).ToArray(), exportLimit);
                var exportAfter = Excess(drawAfter.Select(d => -d).ToArray(), exportLimit);
                perResource[resource] = new Sems.Contracts.NodeResourceCycle(limit, drawBefore, drawAfter, excessBefore, excessAfter,
                    excessBefore.Sum() * stepHours, excessAfter.Sum() * stepHours)
                {
                    ExportLimitKw = exportLimit,
                    ExportExcessBeforeKw = exportBefore,
                    ExportExcessAfterKw = exportAfter,
                    ExportViolationBeforeKwh = exportBefore.Sum() * stepHours,
                    ExportViolationAfterKwh = exportAfter.Sum() * stepHours,
                };
            }

            nodes[tree.NodeIds[k]] = perResource;
        }

        return nodes;
    }

    private static Dictionary<string, double[]>[] Sums(LimitTree tree, IReadOnlyList<int> nodeOf, IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>> draws, int steps)
    {
        var sums = Enumerable.Range(0, tree.Count).Select(_ => new Dictionary<string, double[]>(StringComparer.Ordinal)).ToArray();
        for (var p = 0; p < draws.Count; p++)
        {
            foreach (var k in tree.PathToRoot(nodeOf[p]))
            {
                foreach (var (resource, series) in draws[p])
                {
                    if (!sums[k].TryGetValue(resource, out var sum)) sums[k][resource] = sum = new double[steps];
                    for (var i = 0; i < Math.Min(steps, series.Count); i++) sum[i] += series[i];
                }
            }
        }

        return sums;
    }

    private static double[] Excess(double[] draw, double[]? limit) =>
        draw.Select((d, i) => limit is null || i >= limit.Length || d - limit[i] <= Algorithm1.Tolerance ? 0.0 : d - limit[i]).ToArray();

    private static List<GridNodeDefinition>? Sorted(GridNodeDefinition[] nodes)
    {
        var roots = nodes.Where(n => n.Parent is null).ToList();
        if (roots.Count != 1) return null;
        var children = nodes.Where(n => n.Parent is not null).GroupBy(n => n.Parent!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ordered = new List<GridNodeDefinition>(nodes.Length);
        var queue = new Queue<GridNodeDefinition>([roots[0]]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            ordered.Add(node);
            if (children.TryGetValue(node.Id, out var below)) foreach (var child in below) queue.Enqueue(child);
        }

        return ordered.Count == nodes.Length ? ordered : null;
    }
}

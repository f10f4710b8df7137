using Sems.Engine.Json;
using Sems.Engine.Model;

namespace Sems.Engine.Districts;

/// <summary>
/// The rules that make a grid's nodes one tree, for a district file and for a definition sent over the wire alike: ids
/// unique, exactly one root, every parent a node, no cycle. Each problem names the node's field and the value.
/// </summary>
public static class GridTreeRules
{
    /// <summary>The problems of a list of nodes, in list order.</summary>
    /// <param name="nodes">
    /// Per node: its id, or null where it is not a valid id (the caller reports that); its parent's id, null for a node
    /// that gives none (a root). A parent that is not a valid id counts as given but is not looked up (the caller reports it).
    /// </param>
    /// <param name="path">The path of the list in messages, e.g. <c>grid.nodes</c>.</param>
    public static IReadOnlyList<ValidationProblem> Check(IReadOnlyList<(string? Id, string? Parent)> nodes, string path = "grid.nodes")
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var problems = new List<ValidationProblem>();
        if (nodes.Count == 0)
        {
            problems.Add(new ValidationProblem(path, "an empty array", "has no node: a grid has at least its root"));
            return problems;
        }

        // Ids: unique; the first of a repeated id is the node that parents refer to.
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < nodes.Count; k++)
        {
            if (nodes[k].Id is not { } id) continue;
            if (byId.TryGetValue(id, out var first))
                problems.Add(new ValidationProblem($"{path}[{k}].id", JsonCursor.Quote(id), $"duplicates {path}[{first}].id: node ids must be unique"));
            else
                byId[id] = k;
        }

        // Exactly one root: the first node without a parent is the root, any further one is reported.
        var roots = Enumerable.Range(0, nodes.Count).Where(k => nodes[k].Parent is null).ToList();
        if (roots.Count == 0)
            problems.Add(new ValidationProblem(path, $"an array of {nodes.Count}", "has no root: exactly one node has no parent (the substation, where the district connects)"));
        foreach (var extra in roots.Skip(1))
        {
            problems.Add(new ValidationProblem($"{path}[{extra}].parent", "",
                $"is missing: {Named(nodes, extra, path)} would be a second root beside {Named(nodes, roots[0], path)} ({path}[{roots[0]}]); exactly one node has no parent"));
        }

        // Every parent is a node.
        for (var k = 0; k < nodes.Count; k++)
        {
            if (nodes[k].Parent is { } parent && Identifier.IsValid(parent) && !byId.ContainsKey(parent))
                problems.Add(new ValidationProblem($"{path}[{k}].parent", JsonCursor.Quote(parent), $"is not a node id (ids: {DistrictReader.List(byId.Keys)})"));
        }

        ReportCycles(nodes, byId, path, problems);
        return problems;
    }

    /// <summary>Follows every node's parents; a walk that comes back to a node of its own path is a cycle, reported once at its first node in list order.</summary>
    private static void ReportCycles(IReadOnlyList<(string? Id, string? Parent)> nodes, Dictionary<string, int> byId, string path, List<ValidationProblem> problems)
    {
        int? ParentOf(int k) => nodes[k].Parent is { } parent && byId.TryGetValue(parent, out var p) ? p : null;

        var state = new int[nodes.Count]; // 0: not seen; 1: on the current walk; 2: done
        foreach (var start in byId.Values.Order())
        {
            var walk = new List<int>();
            int? node = start;
            while (node is { } k && state[k] == 0)
            {
                state[k] = 1;
                walk.Add(k);
                node = ParentOf(k);
            }

            if (node is { } back && state[back] == 1)
            {
                var cycle = walk.Skip(walk.IndexOf(back)).ToList();
                var first = cycle.Min();
                var at = cycle.IndexOf(first);
                var ordered = cycle.Skip(at).Concat(cycle.Take(at)).Append(first).Select(k => JsonCursor.Quote(nodes[k].Id!));
                problems.Add(new ValidationProblem($"{path}[{first}].parent", JsonCursor.Quote(nodes[first].Parent!),
                    $"closes a cycle {string.Join(" → ", ordered)} (each node's parent is the next): the grid must be a tree whose parents lead to one root"));
            }

            foreach (var visited in walk) state[visited] = 2;
        }
    }

    private static string Named(IReadOnlyList<(string? Id, string? Parent)> nodes, int k, string path) =>
        nodes[k].Id is { } id ? JsonCursor.Quote(id) : $"{path}[{k}]";
}

namespace Sems.Engine.Model;

/// <summary>
/// The district's grid: a validated tree of <see cref="GridNode"/>s, the root first, every parent before its children.
/// A district file without a <c>grid</c> has the implicit one-node tree <see cref="Single"/>: a root named after the
/// district holding the <c>districtLimits</c>.
/// </summary>
public sealed class GridTopology
{
    private readonly Dictionary<string, int> _index;
    private readonly int[] _parent;

    /// <param name="nodes">Root first and every parent before its children (<see cref="Sort"/> puts any valid tree in that order).</param>
    public GridTopology(IReadOnlyList<GridNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0) throw new ArgumentException("a grid has at least its root node", nameof(nodes));
        Nodes = nodes;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        _parent = new int[nodes.Count];
        for (var k = 0; k < nodes.Count; k++)
        {
            if (!_index.TryAdd(nodes[k].Id, k)) throw new ArgumentException($"node \"{nodes[k].Id}\" appears twice", nameof(nodes));
            if (k == 0)
            {
                if (nodes[k].Parent is not null) throw new ArgumentException($"the first node \"{nodes[k].Id}\" must be the root (no parent)", nameof(nodes));
                _parent[k] = -1;
                continue;
            }

            if (nodes[k].Parent is not { } parent || !_index.TryGetValue(parent, out var p))
                throw new ArgumentException($"node \"{nodes[k].Id}\": its parent \"{nodes[k].Parent}\" is not an earlier node", nameof(nodes));
            _parent[k] = p;
        }
    }

    /// <summary>Root first, parents before children.</summary>
    public IReadOnlyList<GridNode> Nodes { get; }

    public GridNode Root => Nodes[0];

    /// <summary>The index of a node's parent; −1 for the root.</summary>
    public int ParentOf(int node) => _parent[node];

    public bool TryIndexOf(string id, out int index) => _index.TryGetValue(id, out index);

    public int IndexOf(string id) =>
        _index.TryGetValue(id, out var index) ? index : throw new ArgumentException($"\"{id}\" is not a node of the grid", nameof(id));

    /// <summary>The node indices from <paramref name="node"/> up to the root, both included.</summary>
    public IReadOnlyList<int> PathToRoot(int node)
    {
        var path = new List<int>();
        for (var k = node; k >= 0; k = _parent[k]) path.Add(k);
        return path;
    }

    /// <summary>The implicit grid of a file without one: a root <paramref name="rootId"/> with <paramref name="importMaxKw"/>.</summary>
    public static GridTopology Single(string rootId, IReadOnlyDictionary<string, Series> importMaxKw) =>
        new([new GridNode(rootId, null, importMaxKw, new Dictionary<string, Series>(StringComparer.Ordinal))]);

    /// <summary>
    /// Orders a tree's nodes root first and parents before children (siblings keep their file order). Returns null
    /// when the nodes are not one tree (no root, several roots, a missing parent or a cycle); the reader names the field.
    /// </summary>
    public static IReadOnlyList<GridNode>? Sort(IReadOnlyList<GridNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var roots = nodes.Where(n => n.Parent is null).ToList();
        if (roots.Count != 1) return null;
        var children = nodes.Where(n => n.Parent is not null).GroupBy(n => n.Parent!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ordered = new List<GridNode>(nodes.Count);
        var queue = new Queue<GridNode>([roots[0]]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            ordered.Add(node);
            if (children.TryGetValue(node.Id, out var below)) foreach (var child in below) queue.Enqueue(child);
        }

        return ordered.Count == nodes.Count ? ordered : null;
    }
}

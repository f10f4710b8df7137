using Sems.Engine.Model;

namespace Sems.Engine.Coordination;

/// <summary>
/// The limits coordination must hold in one cycle: per grid node (root first, parents before children) resource →
/// Plim per step of the horizon, kW. A node without a limit on a resource constrains nothing there. The draw at a node
/// is the sum over every subsystem in its subtree (eqs. 25–26 per node); its excess is max(0, draw − Plim) (eq. 27).
/// </summary>
public sealed class LimitTree
{
    private readonly int[] _parent;
    private readonly Dictionary<string, int> _index;

    /// <param name="nodeIds">Root first, parents before children.</param>
    /// <param name="parents">The parent's index per node; −1 for the root (index 0) only.</param>
    /// <param name="importMaxKw">Per node: resource → Plim per step, kW.</param>
    public LimitTree(IReadOnlyList<string> nodeIds, IReadOnlyList<int> parents, IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>> importMaxKw)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(importMaxKw);
        if (nodeIds.Count == 0 || parents.Count != nodeIds.Count || importMaxKw.Count != nodeIds.Count)
            throw new ArgumentException("a limit tree needs one id, one parent and one limit set per node, at least the root");
        _parent = new int[nodeIds.Count];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < nodeIds.Count; k++)
        {
            if (!_index.TryAdd(nodeIds[k], k)) throw new ArgumentException($"node \"{nodeIds[k]}\" appears twice", nameof(nodeIds));
            var parent = parents[k];
            if (k == 0 ? parent != -1 : parent < 0 || parent >= k)
                throw new ArgumentException($"node \"{nodeIds[k]}\": parent index {parent} is not an earlier node (the root, index 0, has −1)", nameof(parents));
            _parent[k] = parent;
        }

        NodeIds = nodeIds;
        ImportMaxKw = importMaxKw;
    }

    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>Per node: resource → Plim per step, kW.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>> ImportMaxKw { get; }

    public int Count => NodeIds.Count;

    public string RootId => NodeIds[0];

    /// <summary>The root's limits: what a one-node district calls its district limits.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> RootLimitKw => ImportMaxKw[0];

    /// <summary>Every resource some node limits, in first-seen order.</summary>
    public IReadOnlyList<string> LimitedResources => ImportMaxKw.SelectMany(l => l.Keys).Distinct(StringComparer.Ordinal).ToList();

    public int ParentOf(int node) => _parent[node];

    /// <summary>The node's index; a null or empty id is the root.</summary>
    public int IndexOf(string? id) =>
        string.IsNullOrEmpty(id) ? 0 : _index.TryGetValue(id, out var index) ? index : throw new ArgumentException($"\"{id}\" is not a node of the grid", nameof(id));

    public bool Contains(string id) => _index.ContainsKey(id);

    /// <summary>Node indices from <paramref name="node"/> up to the root, both included.</summary>
    public IReadOnlyList<int> PathToRoot(int node)
    {
        var path = new List<int>();
        for (var k = node; k >= 0; k = _parent[k]) path.Add(k);
        return path;
    }

    /// <summary>One root <paramref name="rootId"/> holding <paramref name="limitKw"/>: the district limits of a file without a grid.</summary>
    public static LimitTree Flat(string rootId, IReadOnlyDictionary<string, IReadOnlyList<double>> limitKw) =>
        new([rootId], [-1], [limitKw]);

    /// <summary>The tree of a district's grid with each node's limits as the file gives them (series of the horizon).</summary>
    public static LimitTree Of(GridTopology grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return new LimitTree(
            grid.Nodes.Select(n => n.Id).ToList(),
            Enumerable.Range(0, grid.Nodes.Count).Select(grid.ParentOf).ToList(),
            grid.Nodes.Select(n => (IReadOnlyDictionary<string, IReadOnlyList<double>>)n.ImportMaxKw.ToDictionary(
                l => l.Key, l => (IReadOnlyList<double>)l.Value.ToArray(), StringComparer.Ordinal)).ToList());
    }
}

using Sems.Engine.Model;

namespace Sems.Engine.Coordination;

/// <summary>
/// The limits coordination must hold in one cycle: per grid node (root first, parents before children) resource →
/// Plim per step of the horizon, kW, and optionally the export limit. A node without a limit on a resource constrains
/// nothing there. The draw at a node is the sum of the net draws (import − export) of every subsystem in its subtree
/// (eqs. 25–26 per node); its excess is max(0, draw − Plim) (eq. 27) and its export excess max(0, −draw − exportMax).
/// </summary>
public sealed class LimitTree
{
    private readonly int[] _parent;
    private readonly Dictionary<string, int> _index;

    /// <param name="nodeIds">Root first, parents before children.</param>
    /// <param name="parents">The parent's index per node; −1 for the root (index 0) only.</param>
    /// <param name="importMaxKw">Per node: resource → Plim per step, kW.</param>
    public LimitTree(IReadOnlyList<string> nodeIds, IReadOnlyList<int> parents, IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>> importMaxKw)
        : this(nodeIds, parents, importMaxKw, null)
    {
    }

    /// <param name="nodeIds">Root first, parents before children.</param>
    /// <param name="parents">The parent's index per node; −1 for the root (index 0) only.</param>
    /// <param name="importMaxKw">Per node: resource → Plim per step, kW.</param>
    /// <param name="exportMaxKw">Per node: resource → the most the subtree may feed back per step, kW; null: no export limits.</param>
    public LimitTree(
        IReadOnlyList<string> nodeIds,
        IReadOnlyList<int> parents,
        IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>> importMaxKw,
        IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>>? exportMaxKw)
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

        if (exportMaxKw is not null && exportMaxKw.Count != nodeIds.Count)
            throw new ArgumentException("a limit tree needs one export limit set per node when it has export limits", nameof(exportMaxKw));
        NodeIds = nodeIds;
        ImportMaxKw = importMaxKw;
        ExportMaxKw = exportMaxKw ?? nodeIds.Select(_ => (IReadOnlyDictionary<string, IReadOnlyList<double>>)new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal)).ToList();
    }

    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>Per node: resource → Plim per step, kW.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>> ImportMaxKw { get; }

    /// <summary>Per node: resource → the most the subtree may feed back (−net draw) per step, kW; empty sets where a node limits no export.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<double>>> ExportMaxKw { get; }

    public int Count => NodeIds.Count;

    public string RootId => NodeIds[0];

    /// <summary>The root's limits: what a one-node district calls its district limits.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> RootLimitKw => ImportMaxKw[0];

    /// <summary>Every resource some node limits (import first, then export limits), in first-seen order.</summary>
    public IReadOnlyList<string> LimitedResources => ImportMaxKw.SelectMany(l => l.Keys).Concat(ExportMaxKw.SelectMany(l => l.Keys)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when some node limits what its subtree feeds back.</summary>
    public bool HasExportLimits => ExportMaxKw.Any(l => l.Count > 0);

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

    /// <summary>The tree of a district's grid with each node's import and export limits as the file gives them (series of the horizon).</summary>
    public static LimitTree Of(GridTopology grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return new LimitTree(
            grid.Nodes.Select(n => n.Id).ToList(),
            Enumerable.Range(0, grid.Nodes.Count).Select(grid.ParentOf).ToList(),
            grid.Nodes.Select(n => Arrays(n.ImportMaxKw)).ToList(),
            grid.Nodes.Select(n => Arrays(n.ExportMaxKw)).ToList());

        static IReadOnlyDictionary<string, IReadOnlyList<double>> Arrays(IReadOnlyDictionary<string, Series> limits) =>
            limits.ToDictionary(l => l.Key, l => (IReadOnlyList<double>)l.Value.ToArray(), StringComparer.Ordinal);
    }
}

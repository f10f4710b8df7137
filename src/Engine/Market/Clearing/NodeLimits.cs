using Sems.Engine.Model;

namespace Sems.Engine.Market;

/// <summary>The community's grid nodes with the <c>electricity</c> limits that apply to one run, and the flows of schedules through them.</summary>
internal sealed class NodeLimits
{
    /// <summary>A flow within this of its limit holds (kW).</summary>
    public const double ToleranceKw = 1e-6;

    private readonly GridTopology _grid;
    private readonly Dictionary<string, IReadOnlyList<int>> _paths = new(StringComparer.Ordinal);

    public NodeLimits(Community community, MarketGridLimits? overrides)
    {
        _grid = community.Grid;
        Steps = community.Steps;
        var nodes = _grid.Nodes;
        Import = new double[]?[nodes.Count];
        Export = new double[]?[nodes.Count];
        for (var n = 0; n < nodes.Count; n++)
        {
            Import[n] = Limit(nodes[n].Id, nodes[n].ImportMaxKw, overrides?.ImportMaxKw, "ImportMaxKw");
            Export[n] = Limit(nodes[n].Id, nodes[n].ExportMaxKw, overrides?.ExportMaxKw, "ExportMaxKw");
        }

        if (overrides is not null)
        {
            foreach (var id in overrides.ImportMaxKw.Keys.Concat(overrides.ExportMaxKw.Keys))
                if (!_grid.TryIndexOf(id, out _))
                    throw new ArgumentException($"limits: \"{id}\" is not a node of the community's grid", nameof(overrides));
        }

        foreach (var p in community.Prosumers)
        {
            var node = p.Node is null ? 0 : _grid.TryIndexOf(p.Node, out var k) ? k
                : throw new ArgumentException($"prosumer \"{p.Id}\": Node \"{p.Node}\" is not a node of the community's grid", nameof(community));
            _paths[p.Id] = _grid.PathToRoot(node);
        }
    }

    public int Steps { get; }

    public IReadOnlyList<GridNode> Nodes => _grid.Nodes;

    /// <summary>Per node the import limit per step, kW; null = no limit.</summary>
    public double[]?[] Import { get; }

    /// <summary>Per node the export limit per step, kW; null = no limit.</summary>
    public double[]?[] Export { get; }

    /// <summary>The node indices from the prosumer's node up to the root.</summary>
    public IReadOnlyList<int> PathOf(string prosumerId) => _paths[prosumerId];

    /// <summary>Per node and step the net flow Σ (import − export) of the schedules in its subtree, kW.</summary>
    public double[][] Flows(IEnumerable<ProsumerSchedule> schedules)
    {
        var flows = new double[Nodes.Count][];
        for (var n = 0; n < flows.Length; n++) flows[n] = new double[Steps];
        foreach (var s in schedules)
        {
            foreach (var n in PathOf(s.ProsumerId))
                for (var t = 0; t < Steps; t++) flows[n][t] += s.ImportKw[t] - s.ExportKw[t];
        }

        return flows;
    }

    /// <summary>max(0, flow − importMax) of a node and step, kW.</summary>
    public double ImportExcess(double[][] flows, int node, int step) =>
        Import[node] is { } max ? Math.Max(0, flows[node][step] - max[step]) : 0;

    /// <summary>max(0, −flow − exportMax) of a node and step, kW.</summary>
    public double ExportExcess(double[][] flows, int node, int step) =>
        Export[node] is { } max ? Math.Max(0, -flows[node][step] - max[step]) : 0;

    /// <summary>Whether every node's limits hold (within <see cref="ToleranceKw"/>).</summary>
    public bool Hold(double[][] flows)
    {
        for (var n = 0; n < Nodes.Count; n++)
            for (var t = 0; t < Steps; t++)
                if (ImportExcess(flows, n, t) > ToleranceKw || ExportExcess(flows, n, t) > ToleranceKw) return false;
        return true;
    }

    private double[]? Limit(string node, IReadOnlyDictionary<string, Series> own, IReadOnlyDictionary<string, IReadOnlyList<double>>? overrides, string field)
    {
        IReadOnlyList<double>? values = null;
        var source = $"limits.{field}[\"{node}\"]";
        if (overrides is not null && overrides.TryGetValue(node, out var given)) values = given;
        else if (own.TryGetValue(Community.Electricity, out var series))
        {
            values = series;
            source = $"grid node \"{node}\" {field}[\"{Community.Electricity}\"]";
        }

        if (values is null) return null;
        if (values.Count != Steps) throw new ArgumentException($"{source} has {values.Count} values; the community has {Steps} steps");
        var limit = values.ToArray();
        for (var t = 0; t < Steps; t++)
            if (double.IsNaN(limit[t]) || limit[t] < 0)
                throw new ArgumentOutOfRangeException(field, limit[t], $"{source} step {t} must be a limit ≥ 0 kW, got {limit[t]}");
        return limit;
    }
}

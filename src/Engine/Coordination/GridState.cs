namespace Sems.Engine.Coordination;

/// <summary>
/// The net draw (import − export) of every node's subtree per limited resource and step (eqs. 25–26 per node), with
/// which nodes are in excess of their import limit (draw above importMax) or of their export limit (−draw above
/// exportMax), kept incrementally: replacing one subsystem's plan touches only the nodes on its path to the root. A
/// <see cref="Fork"/> shares the node arrays and copies one only when it is first written, so a prediction can be
/// played forward without touching the real totals.
/// </summary>
internal sealed class GridState
{
    private readonly LimitTree _tree;
    private readonly int _steps;
    private readonly double[]?[][] _limit;
    private readonly double[]?[][] _exportLimit;
    private readonly double[][][] _total;
    private readonly bool[][] _inExcess;
    private readonly bool[][] _inExportExcess;
    private readonly bool[] _owned;

    public GridState(LimitTree tree, int steps)
    {
        _tree = tree;
        _steps = steps;
        Resources = tree.LimitedResources.ToArray();
        _limit = new double[]?[tree.Count][];
        _exportLimit = new double[]?[tree.Count][];
        _total = new double[tree.Count][][];
        _inExcess = new bool[tree.Count][];
        _inExportExcess = new bool[tree.Count][];
        _owned = new bool[tree.Count];
        for (var n = 0; n < tree.Count; n++)
        {
            _limit[n] = new double[]?[Resources.Length];
            _exportLimit[n] = new double[]?[Resources.Length];
            _total[n] = new double[Resources.Length][];
            _inExcess[n] = new bool[Resources.Length];
            _inExportExcess[n] = new bool[Resources.Length];
            _owned[n] = true;
            for (var r = 0; r < Resources.Length; r++)
            {
                _total[n][r] = new double[steps];
                _limit[n][r] = Horizon(tree.ImportMaxKw[n], n, r, "");
                _exportLimit[n][r] = Horizon(tree.ExportMaxKw[n], n, r, "export ");
            }
        }

        double[]? Horizon(IReadOnlyDictionary<string, IReadOnlyList<double>> limits, int n, int r, string kind)
        {
            if (!limits.TryGetValue(Resources[r], out var limit)) return null;
            if (limit.Count < steps)
                throw new ArgumentException($"node \"{tree.NodeIds[n]}\": the {Resources[r]} {kind}limit has {limit.Count} steps, fewer than the horizon's {steps}", nameof(tree));
            return limit.Take(steps).ToArray();
        }
    }

    private GridState(GridState other)
    {
        _tree = other._tree;
        _steps = other._steps;
        Resources = other.Resources;
        _limit = other._limit;
        _exportLimit = other._exportLimit;
        _total = (double[][][])other._total.Clone();
        _inExcess = other._inExcess.Select(e => (bool[])e.Clone()).ToArray();
        _inExportExcess = other._inExportExcess.Select(e => (bool[])e.Clone()).ToArray();
        _owned = new bool[other._owned.Length];
        ExcessCount = other.ExcessCount;
    }

    /// <summary>Every resource some node limits, in the tree's first-seen order.</summary>
    public string[] Resources { get; }

    /// <summary>How many (node, resource, direction) triples have an excess at some step (import and export counted apart).</summary>
    public int ExcessCount { get; private set; }

    public bool AnyExcess => ExcessCount > 0;

    public GridState Fork() => new(this);

    /// <summary>Plim of the resource at the node, kW per step; null where the node sets none.</summary>
    public double[]? Limit(int node, int resource) => _limit[node][resource];

    /// <summary>The node's export limit on the resource, kW per step; null where the node sets none.</summary>
    public double[]? ExportLimit(int node, int resource) => _exportLimit[node][resource];

    /// <summary>The subtree's net draw (import − export), kW per step.</summary>
    public IReadOnlyList<double> Total(int node, int resource) => _total[node][resource];

    /// <summary>Whether the subtree's net draw exceeds the node's import limit at some step.</summary>
    public bool InExcess(int node, int resource) => _inExcess[node][resource];

    /// <summary>Whether what the subtree feeds back exceeds the node's export limit at some step.</summary>
    public bool InExportExcess(int node, int resource) => _inExportExcess[node][resource];

    /// <summary>max(0, −draw − exportMax) at one step, kW (0 below <see cref="Algorithm1.Tolerance"/> and where the node sets no export limit).</summary>
    public double ExportExcess(int node, int resource, int step)
    {
        var limit = _exportLimit[node][resource];
        if (limit is null) return 0;
        var excess = -_total[node][resource][step] - limit[step];
        return excess > Algorithm1.Tolerance ? excess : 0.0;
    }

    /// <summary>max(0, draw − Plim) at one step, kW (0 below <see cref="Algorithm1.Tolerance"/> and where the node sets no limit).</summary>
    public double Excess(int node, int resource, int step)
    {
        var limit = _limit[node][resource];
        if (limit is null) return 0;
        var excess = _total[node][resource][step] - limit[step];
        return excess > Algorithm1.Tolerance ? excess : 0.0;
    }

    /// <summary>Every node on <paramref name="path"/>: − the old net draw + the new one (eq. 26), then its excess flags.</summary>
    public void Replace(IReadOnlyList<int> path, IReadOnlyDictionary<string, IReadOnlyList<double>> oldKw, IReadOnlyDictionary<string, IReadOnlyList<double>> newKw)
    {
        foreach (var n in path)
        {
            Own(n);
            for (var r = 0; r < Resources.Length; r++)
            {
                var old = oldKw.TryGetValue(Resources[r], out var o) ? o : null;
                var now = newKw.TryGetValue(Resources[r], out var w) ? w : null;
                if (old is null && now is null) continue;
                var sum = _total[n][r];
                if (old is not null) for (var i = 0; i < _steps; i++) sum[i] -= old[i];
                if (now is not null) for (var i = 0; i < _steps; i++) sum[i] += now[i];
                Refresh(n, r);
            }
        }
    }

    /// <summary>Recomputes every excess flag (after the initial totals are in).</summary>
    public void RefreshAll()
    {
        for (var n = 0; n < _tree.Count; n++)
        {
            for (var r = 0; r < Resources.Length; r++) Refresh(n, r);
        }
    }

    /// <summary>A copy of every node's totals: [node][resource][step], kW.</summary>
    public double[][][] Snapshot() => _total.Select(node => node.Select(series => series.ToArray()).ToArray()).ToArray();

    private void Refresh(int node, int resource)
    {
        var excess = false;
        if (_limit[node][resource] is not null)
        {
            for (var i = 0; i < _steps && !excess; i++) excess = Excess(node, resource, i) > 0;
        }

        if (excess != _inExcess[node][resource])
        {
            _inExcess[node][resource] = excess;
            ExcessCount += excess ? 1 : -1;
        }

        if (_exportLimit[node][resource] is null) return;
        var exportExcess = false;
        for (var i = 0; i < _steps && !exportExcess; i++) exportExcess = ExportExcess(node, resource, i) > 0;
        if (exportExcess == _inExportExcess[node][resource]) return;
        _inExportExcess[node][resource] = exportExcess;
        ExcessCount += exportExcess ? 1 : -1;
    }

    private void Own(int node)
    {
        if (_owned[node]) return;
        _total[node] = _total[node].Select(series => series.ToArray()).ToArray();
        _owned[node] = true;
    }
}

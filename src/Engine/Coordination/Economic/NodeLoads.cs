namespace Sems.Engine.Coordination.Economic;

/// <summary>
/// The check every coordination result is held to: for each node of a <see cref="LimitTree"/> and each resource it
/// limits, the draw summed over every subsystem in its subtree against its limit (eqs. 25–27 per node). Computed from
/// the subsystems' draws alone, independently of how they were found.
/// </summary>
public static class NodeLoads
{
    /// <summary>Excess below this (kW) counts as none, as in <see cref="Algorithm1.Tolerance"/>.</summary>
    public const double DefaultToleranceKw = 1e-6;

    /// <param name="limits">The tree and its limits.</param>
    /// <param name="draws">Per subsystem: its node id (null for the root) and its draw per resource and step, kW.</param>
    /// <param name="steps">Steps of the horizon.</param>
    /// <param name="stepHours">Δt, hours (for the violation in kWh).</param>
    /// <param name="toleranceKw">Excess up to this counts as none, kW.</param>
    /// <returns>One load per node and resource that node limits, nodes root first.</returns>
    public static IReadOnlyList<NodeLoad> Compute(
        LimitTree limits,
        IReadOnlyList<(string? Node, IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw)> draws,
        int steps,
        double stepHours,
        double toleranceKw = DefaultToleranceKw)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(draws);
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps: must be ≥ 0");
        var subtree = new Dictionary<(int, string), double[]>();
        foreach (var (node, drawKw) in draws)
        {
            var path = limits.PathToRoot(limits.IndexOf(node));
            foreach (var (resource, series) in drawKw)
            {
                foreach (var k in path)
                {
                    if (!limits.ImportMaxKw[k].ContainsKey(resource)) continue;
                    if (!subtree.TryGetValue((k, resource), out var sum)) subtree[(k, resource)] = sum = new double[steps];
                    for (var i = 0; i < steps; i++) sum[i] += series[i];
                }
            }
        }

        var loads = new List<NodeLoad>();
        for (var k = 0; k < limits.Count; k++)
        {
            foreach (var (resource, limit) in limits.ImportMaxKw[k])
            {
                var draw = subtree.TryGetValue((k, resource), out var sum) ? sum : new double[steps];
                var excess = new double[steps];
                for (var i = 0; i < steps; i++)
                {
                    var above = draw[i] - limit[i];
                    excess[i] = above > toleranceKw ? above : 0;
                }

                loads.Add(new NodeLoad(limits.NodeIds[k], resource, draw, limit.Take(steps).ToArray(), excess, excess.Sum() * stepHours));
            }
        }

        return loads;
    }

    /// <summary>
    /// The export side of <see cref="Compute"/>: for each node and each resource whose export it limits, what the
    /// subtree feeds back, −Σ net draw, against the node's exportMax. <see cref="NodeLoad.DrawKw"/> holds that feed-back
    /// (kW, positive when the subtree exports) and <see cref="NodeLoad.LimitKw"/> the export limit.
    /// </summary>
    /// <param name="netDraws">Per subsystem: its node id (null for the root) and its net draw (import − export) per resource and step, kW.</param>
    public static IReadOnlyList<NodeLoad> ComputeExports(
        LimitTree limits,
        IReadOnlyList<(string? Node, IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw)> netDraws,
        int steps,
        double stepHours,
        double toleranceKw = DefaultToleranceKw)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(netDraws);
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps: must be ≥ 0");
        var subtree = new Dictionary<(int, string), double[]>();
        foreach (var (node, drawKw) in netDraws)
        {
            var path = limits.PathToRoot(limits.IndexOf(node));
            foreach (var (resource, series) in drawKw)
            {
                foreach (var k in path)
                {
                    if (!limits.ExportMaxKw[k].ContainsKey(resource)) continue;
                    if (!subtree.TryGetValue((k, resource), out var sum)) subtree[(k, resource)] = sum = new double[steps];
                    for (var i = 0; i < steps; i++) sum[i] -= series[i];
                }
            }
        }

        var loads = new List<NodeLoad>();
        for (var k = 0; k < limits.Count; k++)
        {
            foreach (var (resource, limit) in limits.ExportMaxKw[k])
            {
                var feed = subtree.TryGetValue((k, resource), out var sum) ? sum : new double[steps];
                var excess = new double[steps];
                for (var i = 0; i < steps; i++)
                {
                    var above = feed[i] - limit[i];
                    excess[i] = above > toleranceKw ? above : 0;
                }

                loads.Add(new NodeLoad(limits.NodeIds[k], resource, feed, limit.Take(steps).ToArray(), excess, excess.Sum() * stepHours));
            }
        }

        return loads;
    }

    /// <summary>True when no load has an excess.</summary>
    public static bool Hold(IReadOnlyList<NodeLoad> loads) => loads.All(l => l.ViolationKwh <= 0);
}

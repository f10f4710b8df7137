namespace Sems.Engine.Coordination;

/// <summary>
/// One run of Algorithm 1 on a <see cref="LimitTree"/>: the participants in priority order, their paths to the root,
/// their current draws and exports and the node totals of their net draws (draw − export). The loop is the same for
/// both modes; only where a re-solve's answer comes from differs (<see cref="Obtain"/>).
/// </summary>
internal sealed class PriorityRun
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> Empty = new Dictionary<string, IReadOnlyList<double>>();

    private readonly double _stepHours;
    private readonly LimitTree _tree;
    private readonly CoordinationRule _rule;
    private readonly IReadOnlyList<int>[] _paths;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<double>>[] _draws;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<double>>[] _exports;
    private readonly bool _horizonFallback;

    /// <summary>Where the answer to a re-solve of participant k (priority order) on the exact P̄max and export caps comes from.</summary>
    public delegate ValueTask<Answer> Obtain(int k, Caps caps);

    /// <summary>The caps of one re-solve: P̄max on the draws, and the caps on the exports (empty where none applies).</summary>
    public sealed record Caps(Dictionary<string, IReadOnlyList<double>> ImportMaxKw, Dictionary<string, IReadOnlyList<double>> ExportMaxKw);

    /// <param name="Plan">The resolver's answer.</param>
    /// <param name="Speculative">It was solved ahead on a predicted P̄max.</param>
    /// <param name="SolvedMaxKw">The P̄max it was solved with.</param>
    /// <param name="SolvedExportMaxKw">The export caps it was solved with.</param>
    public sealed record Answer(ResolvedPlan Plan, bool Speculative, IReadOnlyDictionary<string, IReadOnlyList<double>> SolvedMaxKw,
        IReadOnlyDictionary<string, IReadOnlyList<double>> SolvedExportMaxKw);

    /// <param name="horizonFallback">When a re-solve is refused (no plan meets the caps over the whole horizon), retry it
    /// with the caps on the first ⌊H/2⌋, ⌊H/4⌋, …, 1 steps only (the <c>horizonFallback</c> of <see cref="Algorithm1.RunCappedAsync"/>).</param>
    public PriorityRun(double stepHours, int steps, LimitTree tree, IReadOnlyList<CoordinationParticipant> participants, CoordinationRule rule, bool horizonFallback = false)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        _stepHours = stepHours;
        Steps = steps;
        _tree = tree;
        _rule = rule;
        _horizonFallback = horizonFallback;
        Ordered = participants.OrderBy(p => p.Priority).ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        _paths = new IReadOnlyList<int>[Ordered.Count];
        _draws = new IReadOnlyDictionary<string, IReadOnlyList<double>>[Ordered.Count];
        _exports = new IReadOnlyDictionary<string, IReadOnlyList<double>>[Ordered.Count];
        State = new GridState(tree, steps);
        for (var k = 0; k < Ordered.Count; k++)
        {
            var participant = Ordered[k];
            if (!ids.Add(participant.Id)) throw new ArgumentException($"participant \"{participant.Id}\" appears twice", nameof(participants));
            if (!string.IsNullOrEmpty(participant.Node) && !tree.Contains(participant.Node))
                throw new ArgumentException($"participant \"{participant.Id}\": node \"{participant.Node}\" is not a node of the grid", nameof(participants));
            _paths[k] = tree.PathToRoot(tree.IndexOf(participant.Node));
            _draws[k] = participant.CountedDrawKw;
            _exports[k] = participant.CountedExportKw;
            State.Replace(_paths[k], Empty, Mpc.SubsystemResult.Net(_draws[k], _exports[k]));
        }

        State.RefreshAll();
    }

    public int Steps { get; }

    /// <summary>The participants in priority order (ties keep their given order).</summary>
    public IReadOnlyList<CoordinationParticipant> Ordered { get; }

    /// <summary>The node totals as they stand.</summary>
    public GridState State { get; }

    public IReadOnlyList<int> PathOf(int k) => _paths[k];

    /// <summary>The draw participant k counts now.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> DrawOf(int k) => _draws[k];

    /// <summary>The export participant k counts now.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> ExportOf(int k) => _exports[k];

    /// <summary>
    /// The caps of participant k on <paramref name="state"/> when it draws a resource in excess at some node on its path
    /// to the root, or exports one whose export limit some node on its path exceeds; else null. Then every resource it
    /// draws that some node on its path limits is capped, and every resource it exports that some node on its path
    /// limits the export of, so its re-solve cannot move the violation onto another resource, node or direction.
    /// P̄max on the draw: allowance max(Pmin, min(Pmax, min_n (Plim_n − (draw_n − net)))), literal
    /// max(Pmin, Psub − max_n excess_n); the cap on the export: allowance max(Emin, min(Emax, min_n (exportMax_n + draw_n − net))),
    /// literal max(Emin, export − max_n exportExcess_n); n over the nodes on the path that set the limit, draw_n the
    /// subtree's net draw and net = Psub − export the participant's.
    /// </summary>
    public Caps? CapsOf(int k, GridState state, IReadOnlyDictionary<string, IReadOnlyList<double>> drawKw, IReadOnlyDictionary<string, IReadOnlyList<double>> exportKw)
    {
        var path = _paths[k];
        var resources = state.Resources;
        var drawsExcess = false;
        for (var r = 0; r < resources.Length && !drawsExcess; r++)
        {
            if (drawKw.TryGetValue(resources[r], out var draw) && Draws(draw))
            {
                for (var p = 0; p < path.Count && !drawsExcess; p++) drawsExcess = state.InExcess(path[p], r);
            }

            if (!drawsExcess && exportKw.TryGetValue(resources[r], out var export) && Draws(export))
            {
                for (var p = 0; p < path.Count && !drawsExcess; p++) drawsExcess = state.InExportExcess(path[p], r);
            }
        }

        if (!drawsExcess) return null;
        var participant = Ordered[k];
        var net = Mpc.SubsystemResult.Net(drawKw, exportKw);
        var caps = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var exportCaps = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var limiting = new List<int>(path.Count);
        for (var r = 0; r < resources.Length; r++)
        {
            if (!drawKw.TryGetValue(resources[r], out var draw)) continue;
            limiting.Clear();
            foreach (var n in path)
            {
                if (state.Limit(n, r) is not null) limiting.Add(n);
            }

            if (limiting.Count == 0) continue;
            var own = net[resources[r]];
            participant.MinKw.TryGetValue(resources[r], out var min);
            participant.MaxKw.TryGetValue(resources[r], out var pmax);
            var max = new double[Steps];
            for (var i = 0; i < Steps; i++)
            {
                double cap;
                if (_rule == CoordinationRule.Literal)
                {
                    var largest = 0.0;
                    foreach (var n in limiting) largest = Math.Max(largest, state.Excess(n, r, i));
                    cap = draw[i] - largest;
                }
                else
                {
                    cap = pmax?[i] ?? double.PositiveInfinity;
                    foreach (var n in limiting) cap = Math.Min(cap, state.Limit(n, r)![i] - (state.Total(n, r)[i] - own[i]));
                }

                max[i] = Math.Max(min?[i] ?? 0, cap);
            }

            caps[resources[r]] = max;
        }

        for (var r = 0; r < resources.Length; r++)
        {
            if (!exportKw.TryGetValue(resources[r], out var export)) continue;
            limiting.Clear();
            foreach (var n in path)
            {
                if (state.ExportLimit(n, r) is not null) limiting.Add(n);
            }

            if (limiting.Count == 0) continue;
            var own = net[resources[r]];
            participant.ExportMinKw.TryGetValue(resources[r], out var min);
            participant.ExportMaxKw.TryGetValue(resources[r], out var emax);
            var max = new double[Steps];
            for (var i = 0; i < Steps; i++)
            {
                double cap;
                if (_rule == CoordinationRule.Literal)
                {
                    var largest = 0.0;
                    foreach (var n in limiting) largest = Math.Max(largest, state.ExportExcess(n, r, i));
                    cap = export[i] - largest;
                }
                else
                {
                    // What the others feed back is −(draw_n − net); the subtree then feeds at most exportMax_n.
                    cap = emax?[i] ?? double.PositiveInfinity;
                    foreach (var n in limiting) cap = Math.Min(cap, state.ExportLimit(n, r)![i] + (state.Total(n, r)[i] - own[i]));
                }

                max[i] = Math.Max(min?[i] ?? 0, cap);
            }

            exportCaps[resources[r]] = max;
        }

        return new Caps(caps, exportCaps);
    }

    /// <summary>Algorithm 1: in priority order while any node has an excess, tighten and re-solve; accepted plans update every node on the path.</summary>
    public async ValueTask<CoordinationReport> RunAsync(Obtain obtain, string mode, Func<(int Rounds, int Speculative, int Wasted)>? parallelCounts = null)
    {
        var before = State.Snapshot();
        var outcomes = new List<ParticipantOutcome>(Ordered.Count);
        var visited = 0;
        var resolves = 0;
        for (var k = 0; k < Ordered.Count; k++)
        {
            var participant = Ordered[k];
            if (!State.AnyExcess)
            {
                outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, Empty, false, false, null) { Node = participant.Node });
                continue;
            }

            visited++;
            if (!participant.HasPlan)
            {
                outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, Empty, false, false, "has no feasible plan to tighten") { Node = participant.Node });
                continue;
            }

            var caps = CapsOf(k, State, _draws[k], _exports[k]);
            if (caps is null)
            {
                outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, Empty, false, false,
                    _tree.Count == 1 ? "draws none of the resources in excess" : "draws none of the resources in excess on its path to the root") { Node = participant.Node });
                continue;
            }

            resolves++;
            var answer = await obtain(k, caps); // no ConfigureAwait(false): callers (grains) need their context back
            var plan = answer.Plan;
            int? cappedSteps = null;
            string? refusal = null;
            if (!plan.Accepted && !plan.Failed && _horizonFallback)
            {
                // Only step 0 of a plan is committed: a plan that meets the caps on a shorter lead is worth more than the uncapped one kept.
                for (var m = Steps / 2; m >= 1; m /= 2)
                {
                    var leading = Leading(k, caps, m);
                    resolves++;
                    var retry = await obtain(k, leading);
                    if (retry.Plan.Failed) break;
                    if (!retry.Plan.Accepted) continue;
                    refusal = plan.Reason;
                    (answer, plan, caps, cappedSteps) = (retry, retry.Plan, leading, m);
                    break;
                }
            }
            if (plan.Accepted)
            {
                // draw_n − old net + new net on every node of the path (eq. 26); net = Psub − export.
                State.Replace(_paths[k], Mpc.SubsystemResult.Net(_draws[k], _exports[k]), Mpc.SubsystemResult.Net(plan.DrawKw, plan.ExportKw));
                _draws[k] = plan.DrawKw;
                _exports[k] = plan.ExportKw;
            }

            outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, caps.ImportMaxKw, true, plan.Accepted,
                plan.Accepted
                    ? cappedSteps is { } m1 ? $"met its caps on the first {m1} of {Steps} steps only; over the whole horizon it could not: {refusal}" : null
                    : plan.Reason ?? "kept its last feasible plan: no feasible plan within the tightened limits")
            {
                CappedSteps = cappedSteps,
                Node = participant.Node,
                Plan = plan,
                Speculative = answer.Speculative,
                SolvedMaxKw = answer.SolvedMaxKw,
                TightenedExportMaxKw = caps.ExportMaxKw,
                SolvedExportMaxKw = answer.SolvedExportMaxKw,
            });
        }

        var (rounds, speculative, wasted) = parallelCounts?.Invoke() ?? (visited, 0, 0);
        return Report(before, mode, rounds, visited, resolves, speculative, wasted, outcomes);
    }

    /// <summary>
    /// <paramref name="caps"/> on the first <paramref name="lead"/> steps only; after them each resource's own Pmax (Emax
    /// for exports), +∞ where the participant states none.
    /// </summary>
    internal Caps Leading(int k, Caps caps, int lead)
    {
        var participant = Ordered[k];
        return new Caps(Cut(caps.ImportMaxKw, participant.MaxKw), Cut(caps.ExportMaxKw, participant.ExportMaxKw));

        Dictionary<string, IReadOnlyList<double>> Cut(Dictionary<string, IReadOnlyList<double>> capped, IReadOnlyDictionary<string, IReadOnlyList<double>> own)
        {
            var cut = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
            foreach (var (resource, cap) in capped)
            {
                own.TryGetValue(resource, out var max);
                var values = new double[cap.Count];
                for (var i = 0; i < values.Length; i++) values[i] = i < lead ? cap[i] : max?[i] ?? double.PositiveInfinity;
                cut[resource] = values;
            }

            return cut;
        }
    }

    private CoordinationReport Report(double[][][] before, string mode, int rounds, int visited, int resolves, int speculative, int wasted, List<ParticipantOutcome> outcomes)
    {
        var after = State.Snapshot();
        var resources = State.Resources;
        var nodes = new Dictionary<string, IReadOnlyDictionary<string, NodeOutcome>>(StringComparer.Ordinal);
        for (var n = 0; n < _tree.Count; n++)
        {
            var byResource = new Dictionary<string, NodeOutcome>(StringComparer.Ordinal);
            for (var r = 0; r < resources.Length; r++)
            {
                var limit = State.Limit(n, r);
                var excessBefore = ExcessOf(limit, before[n][r], 1);
                var excessAfter = ExcessOf(limit, after[n][r], 1);
                var exportLimit = State.ExportLimit(n, r);
                var exportBefore = ExcessOf(exportLimit, before[n][r], -1);
                var exportAfter = ExcessOf(exportLimit, after[n][r], -1);
                byResource[resources[r]] = new NodeOutcome(limit, before[n][r], after[n][r], excessBefore, excessAfter,
                    excessBefore.Sum() * _stepHours, excessAfter.Sum() * _stepHours)
                {
                    ExportLimitKw = exportLimit,
                    ExportExcessBeforeKw = exportBefore,
                    ExportExcessAfterKw = exportAfter,
                    ExportViolationBeforeKwh = exportBefore.Sum() * _stepHours,
                    ExportViolationAfterKwh = exportAfter.Sum() * _stepHours,
                };
            }

            nodes[_tree.NodeIds[n]] = byResource;
        }

        var root = nodes[_tree.RootId];
        var limited = _tree.RootLimitKw.Keys.ToList();
        IReadOnlyDictionary<string, T> Root<T>(Func<NodeOutcome, T> field) => limited.ToDictionary(r => r, r => field(root[r]), StringComparer.Ordinal);
        return new CoordinationReport(rounds, resolves, _tree.RootLimitKw,
            Root(o => o.DrawBeforeKw), Root(o => o.DrawAfterKw), Root(o => o.ExcessBeforeKw), Root(o => o.ExcessAfterKw),
            Root(o => o.ViolationBeforeKwh), Root(o => o.ViolationAfterKwh), outcomes)
        {
            Mode = mode,
            Visited = visited,
            SpeculativeResolves = speculative,
            WastedResolves = wasted,
            Nodes = nodes,
        };
    }

    private static bool Draws(IReadOnlyList<double> draw)
    {
        for (var i = 0; i < draw.Count; i++)
        {
            if (draw[i] > Algorithm1.Tolerance) return true;
        }

        return false;
    }

    /// <summary>max(0, sign·total − limit) per step: sign 1 for the import limit, −1 for the export limit.</summary>
    private double[] ExcessOf(double[]? limit, double[] total, int sign)
    {
        var excess = new double[Steps];
        if (limit is null) return excess;
        for (var i = 0; i < Steps; i++)
        {
            var e = sign * total[i] - limit[i];
            excess[i] = e > Algorithm1.Tolerance ? e : 0.0;
        }

        return excess;
    }
}

namespace Sems.Engine.Coordination;

/// <summary>
/// The re-solve cache of the parallel priority mode (see <see cref="Algorithm1.RunParallelAsync"/>): when the
/// sequential loop needs participant k's answer and holds no usable one, it launches one batch: k on its exact P̄max
/// (and export caps), then the next participants that the <em>predicted</em> node totals say will be tightened, each on
/// the caps of that prediction (every earlier batch member assumed to draw min(Psub, P̄max) and export min(export, cap)),
/// solved together through the batch resolver.
/// </summary>
internal sealed class ParallelPriority(PriorityRun run, Algorithm1.ResolveCappedBatch resolveBatch, int batchSize)
{
    private readonly Dictionary<int, (PriorityRun.Caps Caps, ResolvedPlan Plan)> _cache = [];

    public int Batches { get; private set; }

    public int Launched { get; private set; }

    public int Speculative { get; private set; }

    public async ValueTask<PriorityRun.Answer> ObtainAsync(int k, PriorityRun.Caps exact)
    {
        if (_cache.Remove(k, out var entry)
            && Usable(run.Ordered[k], exact.ImportMaxKw, entry.Caps.ImportMaxKw, entry.Plan, export: false)
            && Usable(run.Ordered[k], exact.ExportMaxKw, entry.Caps.ExportMaxKw, entry.Plan, export: true))
            return new PriorityRun.Answer(entry.Plan, true, entry.Caps.ImportMaxKw, entry.Caps.ExportMaxKw);

        var batch = new List<(int K, PriorityRun.Caps Caps)> { (k, exact) };
        var predicted = run.State.Fork();
        Predict(predicted, k, exact);
        for (var j = k + 1; j < run.Ordered.Count && batch.Count < batchSize && predicted.AnyExcess; j++)
        {
            if (!run.Ordered[j].HasPlan) continue;
            var caps = run.CapsOf(j, predicted, run.DrawOf(j), run.ExportOf(j));
            if (caps is null) continue;
            batch.Add((j, caps));
            Predict(predicted, j, caps);
        }

        Batches++;
        Launched += batch.Count;
        Speculative += batch.Count - 1;
        var plans = await resolveBatch(batch.Select(b => (run.Ordered[b.K], new TightenedCaps(b.Caps.ImportMaxKw, b.Caps.ExportMaxKw))).ToList());
        if (plans is null || plans.Count != batch.Count)
            throw new InvalidOperationException($"the batch resolver answered {plans?.Count ?? 0} plans to {batch.Count} requests");
        for (var b = 1; b < batch.Count; b++) _cache[batch[b].K] = (batch[b].Caps, plans[b]);
        return new PriorityRun.Answer(plans[0], false, exact.ImportMaxKw, exact.ExportMaxKw);
    }

    /// <summary>
    /// Whether an answer solved on caps <paramref name="solved"/> is the answer on <paramref name="exact"/> (P̄max on the
    /// draws, or with <paramref name="export"/> the caps on the exports): the same caps within
    /// <see cref="Algorithm1.CapMatchKw"/> at every step; or, for a convex participant's accepted plan, at every step where
    /// they differ the plan fits the exact cap and either the solved cap was looser or the plan lies strictly (by
    /// <see cref="Algorithm1.InactiveMarginKw"/>) below it.
    /// </summary>
    public static bool Usable(CoordinationParticipant participant, IReadOnlyDictionary<string, IReadOnlyList<double>> exact,
        IReadOnlyDictionary<string, IReadOnlyList<double>> solved, ResolvedPlan plan, bool export)
    {
        if (exact.Count != solved.Count) return false;
        var same = true;
        foreach (var (resource, cap) in exact)
        {
            if (!solved.TryGetValue(resource, out var other) || other.Count != cap.Count) return false;
            for (var i = 0; i < cap.Count && same; i++) same = Math.Abs(cap[i] - other[i]) <= Algorithm1.CapMatchKw;
        }

        if (same) return true;
        if (!participant.Convex || !plan.Accepted) return false;
        var planned = export ? plan.ExportKw : plan.DrawKw;
        foreach (var (resource, cap) in exact)
        {
            var other = solved[resource];
            planned.TryGetValue(resource, out var draw);
            for (var i = 0; i < cap.Count; i++)
            {
                if (Math.Abs(cap[i] - other[i]) <= Algorithm1.CapMatchKw) continue;
                var kw = draw?[i] ?? 0;
                if (kw > cap[i] + Algorithm1.CapMatchKw) return false; // does not fit the exact cap
                if (other[i] < cap[i] && kw >= other[i] - Algorithm1.InactiveMarginKw) return false; // tighter there and binding
            }
        }

        return true;
    }

    /// <summary>Plays participant j's predicted re-solve forward: it draws min(Psub, P̄max) and exports min(export, cap) of every capped resource.</summary>
    private void Predict(GridState predicted, int j, PriorityRun.Caps caps)
    {
        var draw = run.DrawOf(j);
        var export = run.ExportOf(j);
        var next = Capped(draw, caps.ImportMaxKw);
        var nextExport = caps.ExportMaxKw.Count == 0 ? export : Capped(export, caps.ExportMaxKw);
        predicted.Replace(run.PathOf(j), Mpc.SubsystemResult.Net(draw, export), Mpc.SubsystemResult.Net(next, nextExport));
    }

    private Dictionary<string, IReadOnlyList<double>> Capped(IReadOnlyDictionary<string, IReadOnlyList<double>> kw, IReadOnlyDictionary<string, IReadOnlyList<double>> caps)
    {
        var next = new Dictionary<string, IReadOnlyList<double>>(kw, StringComparer.Ordinal);
        foreach (var (resource, cap) in caps)
        {
            var now = kw.TryGetValue(resource, out var values) ? values : new double[run.Steps];
            var min = new double[run.Steps];
            for (var i = 0; i < min.Length; i++) min[i] = Math.Min(now[i], cap[i]);
            next[resource] = min;
        }

        return next;
    }
}

namespace Sems.Engine.Coordination;

/// <summary>
/// Coordination of subsystems under grid limits: O'Dwyer et al. §2.3, eqs. 25–28 and Algorithm 1, with the excess
/// taken as Pex = max(0, Ptot − Plim) (the text's meaning; eq. 27 prints the sign reversed), generalised to a tree of
/// limits (<see cref="LimitTree"/>): the draw at a node is the sum over every subsystem in its subtree and its excess is
/// max(0, draw_n − Plim_n) per limited resource and step; a node without a limit on a resource constrains nothing.
/// Subsystems are visited in priority order (1 first) while any node has an excess; one that draws a resource in excess
/// at some node on its path to the root is re-solved with P̄max on every resource it draws that a node on its path limits
/// (not only those in excess, so the violation cannot move to another), the tightest over those nodes, per
/// <see cref="CoordinationRule"/>: by default the allowance max(Pmin, min(Pmax, min_n (Plim_n − (draw_n − Psub))))
/// (Psub − Pex at steps in excess, and room to shift load into steps with headroom), or the paper's literal
/// max(Pmin, Psub − max_n Pex_n), which holds it at its planned draw at steps without excess. A subsystem that cannot
/// meet its tightened limits keeps its last feasible plan; one without a plan counts its <see cref="CoordinationParticipant.NoPlanDrawKw"/>.
/// Node totals are kept incrementally: an accepted re-solve subtracts the old plan and adds the new one on every node of
/// its path. Pure: the only effect is through <c>resolve</c>, so grains and the CLI run the very same algorithm.
/// <para>
/// Exports: a participant may feed back into the grid (<see cref="CoordinationParticipant.ExportKw"/>). The draw at a
/// node is then the sum of the subtree's net draws (Psub − export), which equals Σ Psub when nothing exports, so every
/// answer without exports is unchanged. <c>importMax</c> bounds that net draw; <c>exportMax</c> (<see cref="LimitTree.ExportMaxKw"/>)
/// bounds what the subtree feeds back, −draw, with the export excess max(0, −draw − exportMax). A participant that
/// exports a resource in export excess at a node on its path is visited like one drawing a resource in excess, and its
/// total export of every resource whose export a node on its path limits is capped (in priority order, the allowance
/// max(Emin, min(Emax, exportMax_n − (what the others feed back))), or the literal export − excess). The caps reach the
/// resolver through <see cref="RunCappedAsync"/> and <see cref="RunParallelCappedAsync"/>; the resolvers without export
/// caps (<see cref="Resolve"/>, <see cref="ResolveBatch"/>) suit participants that export nothing.
/// </para>
/// </summary>
public static class Algorithm1
{
    /// <summary>Excess below this (kW) counts as none.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Two P̄max closer than this at every step (kW) are the same re-solve (parallel mode).</summary>
    public const double CapMatchKw = 1e-9;

    /// <summary>A convex plan this far or more below a cap (kW) leaves it inactive (parallel mode).</summary>
    public const double InactiveMarginKw = 1e-6;

    /// <summary><see cref="CoordinationReport.Mode"/> of <see cref="RunAsync(double, int, LimitTree, IReadOnlyList{CoordinationParticipant}, Resolve, CoordinationRule)"/>.</summary>
    public const string PriorityMode = "priority";

    /// <summary><see cref="CoordinationReport.Mode"/> of <see cref="RunParallelAsync"/>.</summary>
    public const string ParallelPriorityMode = "priority-parallel";

    /// <summary>The root's id when limits are given as one flat set (no grid).</summary>
    public const string FlatRootId = "root";

    public delegate ValueTask<ResolvedPlan> Resolve(CoordinationParticipant participant, IReadOnlyDictionary<string, IReadOnlyList<double>> tightenedMaxKw);

    /// <summary>Re-solves one subsystem under P̄max on its draws and the caps on its exports (<see cref="TightenedCaps"/>).</summary>
    public delegate ValueTask<ResolvedPlan> ResolveCapped(CoordinationParticipant participant, TightenedCaps caps);

    /// <summary>
    /// Re-solves several subsystems, each under its own caps, and answers in the order of <paramref name="requests"/>.
    /// Each answer must depend only on its participant and caps, so it may be solved in parallel.
    /// </summary>
    public delegate ValueTask<IReadOnlyList<ResolvedPlan>> ResolveCappedBatch(IReadOnlyList<(CoordinationParticipant Participant, TightenedCaps Caps)> requests);

    /// <summary>
    /// Re-solves several subsystems, each on its own P̄max, and answers in the order of <paramref name="requests"/>.
    /// Each answer must depend only on its participant and P̄max (as <see cref="Resolve"/> does), so it may be solved in parallel.
    /// </summary>
    public delegate ValueTask<IReadOnlyList<ResolvedPlan>> ResolveBatch(
        IReadOnlyList<(CoordinationParticipant Participant, IReadOnlyDictionary<string, IReadOnlyList<double>> TightenedMaxKw)> requests);

    /// <summary>One flat set of limits: a one-node tree <see cref="FlatRootId"/> holding <paramref name="limitKw"/>, every participant at the root.</summary>
    public static ValueTask<CoordinationReport> RunAsync(
        double stepHours,
        int steps,
        IReadOnlyDictionary<string, IReadOnlyList<double>> limitKw,
        IReadOnlyList<CoordinationParticipant> participants,
        Resolve resolve,
        CoordinationRule rule = CoordinationRule.Allowance)
    {
        ArgumentNullException.ThrowIfNull(limitKw);
        ArgumentNullException.ThrowIfNull(participants);
        return RunAsync(stepHours, steps, LimitTree.Flat(FlatRootId, limitKw), participants.Any(p => p.Node is not null) ? participants.Select(p => p with { Node = null }).ToList() : participants, resolve, rule);
    }

    /// <summary>Algorithm 1 on a tree of limits, one re-solve at a time (mode "priority"). Each participant sits at its <see cref="CoordinationParticipant.Node"/>.</summary>
    public static async ValueTask<CoordinationReport> RunAsync(
        double stepHours,
        int steps,
        LimitTree limits,
        IReadOnlyList<CoordinationParticipant> participants,
        Resolve resolve,
        CoordinationRule rule = CoordinationRule.Allowance)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return await RunCappedAsync(stepHours, steps, limits, participants, (participant, caps) => resolve(participant, caps.ImportMaxKw), rule);
    }

    /// <summary>
    /// Algorithm 1 on a tree of import and export limits, one re-solve at a time (mode "priority"): as
    /// <see cref="RunAsync(double, int, LimitTree, IReadOnlyList{CoordinationParticipant}, Resolve, CoordinationRule)"/>,
    /// with each re-solve given the caps on its exports too.
    /// </summary>
    /// <param name="horizonFallback">
    /// When a subsystem refuses its caps (no plan meets them over the whole horizon, e.g. a store that must return to
    /// its initial state by the last step while the caps leave too little energy, or one step 16 h ahead where its
    /// uncontrollable demand alone exceeds the cap), re-solve it with the same caps on the first ⌊H/2⌋, ⌊H/4⌋, …, 1
    /// steps only (its own Pmax after them) and use the first plan it accepts (<see cref="ParticipantOutcome.CappedSteps"/>).
    /// Without it the subsystem keeps its uncapped plan over the whole horizon, step 0 included, which is the only step
    /// committed. Each retry counts as a re-solve; an answer marked <see cref="ResolvedPlan.Failed"/> is not retried.
    /// </param>
    public static async ValueTask<CoordinationReport> RunCappedAsync(
        double stepHours,
        int steps,
        LimitTree limits,
        IReadOnlyList<CoordinationParticipant> participants,
        ResolveCapped resolve,
        CoordinationRule rule = CoordinationRule.Allowance,
        bool horizonFallback = false)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(resolve);
        var run = new PriorityRun(stepHours, steps, limits, participants, rule, horizonFallback);
        return await run.RunAsync(async (k, caps) => new PriorityRun.Answer(
            await resolve(run.Ordered[k], new TightenedCaps(caps.ImportMaxKw, caps.ExportMaxKw)), false, caps.ImportMaxKw, caps.ExportMaxKw), PriorityMode);
    }

    /// <summary>
    /// Algorithm 1 on a tree of limits with its re-solves made in parallel batches (mode "priority-parallel"): the same
    /// result as <see cref="RunAsync(double, int, LimitTree, IReadOnlyList{CoordinationParticipant}, Resolve, CoordinationRule)"/>
    /// with the same resolver, in fewer round trips when many subsystems are tightened.
    /// <para>
    /// How: the sequential loop runs unchanged, but each answer it needs comes from a cache. When participant ℓ needs its
    /// re-solve on the exact P̄max and the cache holds no usable answer for it, one batch is launched: ℓ on its exact
    /// P̄max, then up to <paramref name="batchSize"/> − 1 of the following participants that a prediction says will be
    /// tightened (the node totals with every earlier batch member drawing min(Psub, P̄max)), each on the P̄max of that
    /// prediction, all solved together through <paramref name="resolveBatch"/>. ℓ's answer is used at once; the others
    /// are kept and, when the loop reaches them, used only if provably the answer the sequential algorithm gets there.
    /// </para>
    /// <para>
    /// Why the result is the sequential one. By induction over the loop: if every answer used so far is the sequential
    /// one, the node totals, the visited set and the exact P̄max of the next participant are the sequential ones (they
    /// are computed by the same code from the same numbers), so it suffices that each answer used is the sequential answer
    /// for that exact P̄max. (1) ℓ's own batch answer was solved on it. (2) A kept answer solved on a P̄max that equals
    /// the exact one within <see cref="CapMatchKw"/> at every step (after the clipping to [Pmin, Pmax]) is the resolver's
    /// answer to the same question, since answers depend only on the participant and its P̄max. (3) For a participant
    /// marked <see cref="CoordinationParticipant.Convex"/> (an LP, answered with an optimum x* of its feasible set S on
    /// the solved caps c), an accepted answer is also used when, at every step where c differs from the exact caps e,
    /// x* ≤ e and either c &gt; e or x* &lt; c − <see cref="InactiveMarginKw"/>. Proof: let S⁺ be S with the caps
    /// raised to e where c &lt; e. There x* is strictly inside the raised caps, so near x* the sets S and S⁺ coincide and
    /// x* is a local, hence (convexity) a global, optimum over S⁺. The exact set E (caps e) lies inside S⁺ (where c ≥ e,
    /// e is tighter; elsewhere S⁺ has e itself) and contains x* (x* ≤ e everywhere), so x* is optimal over E. The
    /// optimum is then the sequential one up to the choice among equally good plans: identical whenever the re-solve's
    /// optimum is unique. Integer programs are never marked convex, so they use (1) and (2) only. Otherwise the loop
    /// launches a new batch starting at ℓ, so every batch settles at least one participant and the loop ends after at
    /// most as many batches as re-solves.
    /// </para>
    /// <para>
    /// Report: <see cref="CoordinationReport.Rounds"/> = batches, <see cref="CoordinationReport.Resolves"/> = answers
    /// used (the sequential count), <see cref="CoordinationReport.SpeculativeResolves"/> = batch members solved on a
    /// prediction, <see cref="CoordinationReport.WastedResolves"/> = solved answers never used.
    /// </para>
    /// </summary>
    /// <param name="batchSize">At most this many re-solves per batch, ≥ 1 (1 is the sequential algorithm, one per round).</param>
    public static async ValueTask<CoordinationReport> RunParallelAsync(
        double stepHours,
        int steps,
        LimitTree limits,
        IReadOnlyList<CoordinationParticipant> participants,
        ResolveBatch resolveBatch,
        int batchSize,
        CoordinationRule rule = CoordinationRule.Allowance)
    {
        ArgumentNullException.ThrowIfNull(resolveBatch);
        return await RunParallelCappedAsync(stepHours, steps, limits, participants,
            requests => resolveBatch(requests.Select(r => (r.Participant, r.Caps.ImportMaxKw)).ToList()), batchSize, rule);
    }

    /// <summary>
    /// Algorithm 1 on a tree of import and export limits with its re-solves made in parallel batches (mode
    /// "priority-parallel"): as <see cref="RunParallelAsync"/>, with each re-solve given the caps on its exports too. A
    /// speculative answer is used when provably the sequential one for both its P̄max and its export caps (the same rule
    /// on each: export caps bound linear functions of the variables just as P̄max does).
    /// </summary>
    /// <param name="horizonFallback">As in <see cref="RunCappedAsync"/>; each retry is a batch of its own.</param>
    public static async ValueTask<CoordinationReport> RunParallelCappedAsync(
        double stepHours,
        int steps,
        LimitTree limits,
        IReadOnlyList<CoordinationParticipant> participants,
        ResolveCappedBatch resolveBatch,
        int batchSize,
        CoordinationRule rule = CoordinationRule.Allowance,
        bool horizonFallback = false)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(resolveBatch);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize: {batchSize} is not a number of re-solves ≥ 1");
        var run = new PriorityRun(stepHours, steps, limits, participants, rule, horizonFallback);
        var parallel = new ParallelPriority(run, resolveBatch, batchSize);
        var report = await run.RunAsync(parallel.ObtainAsync, ParallelPriorityMode, () => (parallel.Batches, parallel.Speculative, 0));
        return report with { WastedResolves = parallel.Launched - report.Resolves };
    }

    /// <summary>
    /// Whether <paramref name="plan"/>, the answer of a re-solve on <paramref name="solvedMaxKw"/>, is provably the answer
    /// on <paramref name="exactMaxKw"/> (the rule <see cref="RunParallelAsync"/> uses for a speculative answer): the same
    /// P̄max within <see cref="CapMatchKw"/> at every step; or, for an accepted plan of a
    /// <see cref="CoordinationParticipant.Convex"/> participant, at every step where they differ the plan fits the exact
    /// P̄max and either the solved cap was looser or the plan lies at least <see cref="InactiveMarginKw"/> below it.
    /// </summary>
    public static bool ProvablySequential(
        CoordinationParticipant participant,
        IReadOnlyDictionary<string, IReadOnlyList<double>> exactMaxKw,
        IReadOnlyDictionary<string, IReadOnlyList<double>> solvedMaxKw,
        ResolvedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(exactMaxKw);
        ArgumentNullException.ThrowIfNull(solvedMaxKw);
        ArgumentNullException.ThrowIfNull(plan);
        return ParallelPriority.Usable(participant, exactMaxKw, solvedMaxKw, plan, export: false);
    }

    /// <summary>
    /// P̄max for every limited resource the subsystem draws, when it draws one still in excess (else none): literal
    /// max(Pmin, Psub − Pex) (Psub where there is no excess), or the allowance max(Pmin, min(Pmax, Plim − (Ptot − Psub)))
    /// (which equals Psub − Pex at steps in excess).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Tighten(
        CoordinationParticipant participant,
        IReadOnlyDictionary<string, IReadOnlyList<double>> drawKw,
        IReadOnlyDictionary<string, IReadOnlyList<double>> excessKw,
        int steps,
        CoordinationRule rule = CoordinationRule.Literal,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? limitKw = null,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? totalKw = null)
    {
        if (rule == CoordinationRule.Allowance && (limitKw is null || totalKw is null))
            throw new ArgumentException("the allowance rule needs Plim and Ptot", nameof(limitKw));
        var tightened = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        // Visited only when it draws some resource in excess; then every limited resource it draws is capped, so its
        // re-solve cannot move the violation onto another limited resource.
        var drawsExcess = excessKw.Any(e => e.Value.Any(v => v > Tolerance) && drawKw.TryGetValue(e.Key, out var d) && d.Any(v => v > Tolerance));
        if (!drawsExcess) return tightened;
        foreach (var (resource, excess) in excessKw)
        {
            if (!drawKw.TryGetValue(resource, out var draw)) continue;
            participant.MinKw.TryGetValue(resource, out var min);
            participant.MaxKw.TryGetValue(resource, out var pmax);
            var max = new double[steps];
            for (var i = 0; i < steps; i++)
            {
                var cap = rule == CoordinationRule.Literal
                    ? draw[i] - excess[i]
                    : Math.Min(pmax?[i] ?? double.PositiveInfinity, limitKw![resource][i] - (totalKw![resource][i] - draw[i]));
                max[i] = Math.Max(min?[i] ?? 0, cap);
            }

            tightened[resource] = max;
        }

        return tightened;
    }

    /// <summary>Ptot per limited resource (eq. 26).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Total(
        IEnumerable<string> resources, IEnumerable<IReadOnlyDictionary<string, IReadOnlyList<double>>> draws, int steps)
    {
        var all = draws.ToList();
        return resources.ToDictionary(r => r, r =>
        {
            var total = new double[steps];
            foreach (var draw in all)
            {
                if (!draw.TryGetValue(r, out var series)) continue;
                for (var i = 0; i < steps; i++) total[i] += series[i];
            }

            return (IReadOnlyList<double>)total;
        }, StringComparer.Ordinal);
    }

    /// <summary>Pex = max(0, Ptot − Plim) (eq. 27, sign as the text means it).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Excess(
        IReadOnlyDictionary<string, IReadOnlyList<double>> limitKw, IReadOnlyDictionary<string, IReadOnlyList<double>> totalKw) =>
        limitKw.ToDictionary(l => l.Key, l => (IReadOnlyList<double>)l.Value.Select((limit, i) =>
        {
            var excess = totalKw[l.Key][i] - limit;
            return excess > Tolerance ? excess : 0.0;
        }).ToArray(), StringComparer.Ordinal);
}

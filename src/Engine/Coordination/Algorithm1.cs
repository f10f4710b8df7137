namespace Sems.Engine.Coordination;

/// <summary>
/// Coordination of subsystems under district limits: O'Dwyer et al. §2.3, eqs. 25–28 and Algorithm 1, with the excess
/// taken as Pex = max(0, Ptot − Plim) (the text's meaning; eq. 27 prints the sign reversed). Subsystems are visited in
/// priority order (1 first) while any excess remains; one that draws a resource still in excess is re-solved with
/// P̄max on every limited resource it draws (not only those in excess, so the violation cannot move to another) per <see cref="CoordinationRule"/>: by default the allowance max(Pmin, Plim − (Ptot − Psub)) capped at
/// its own Pmax (Psub − Pex at steps in excess, and room to shift load into steps with headroom), or the paper's literal
/// max(Pmin, Psub − Pex), which holds it at its planned draw at steps without excess. A subsystem that cannot meet its
/// tightened limits keeps its last feasible plan; one without a plan counts its <see cref="CoordinationParticipant.NoPlanDrawKw"/>.
/// Ptot is kept incrementally: an accepted re-solve subtracts the old plan and adds the new one.
/// Pure: the only effect is through <c>resolve</c>, so grains and the CLI run the very same algorithm.
/// </summary>
public static class Algorithm1
{
    /// <summary>Excess below this (kW) counts as none.</summary>
    public const double Tolerance = 1e-6;

    public delegate ValueTask<ResolvedPlan> Resolve(CoordinationParticipant participant, IReadOnlyDictionary<string, IReadOnlyList<double>> tightenedMaxKw);

    public static async ValueTask<CoordinationReport> RunAsync(
        double stepHours,
        int steps,
        IReadOnlyDictionary<string, IReadOnlyList<double>> limitKw,
        IReadOnlyList<CoordinationParticipant> participants,
        Resolve resolve,
        CoordinationRule rule = CoordinationRule.Allowance)
    {
        ArgumentNullException.ThrowIfNull(limitKw);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(resolve);
        var ordered = participants.OrderBy(p => p.Priority).ToList();
        var draws = ordered.ToDictionary(p => p.Id, p => p.CountedDrawKw, StringComparer.Ordinal);
        var totalBefore = Total(limitKw.Keys, draws.Values, steps);
        var total = totalBefore.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal);
        var excess = Excess(limitKw, totalBefore);
        var excessBefore = excess;
        var outcomes = new List<ParticipantOutcome>();
        var rounds = 0;
        var resolves = 0;

        foreach (var participant in ordered)
        {
            if (!AnyExcess(excess))
            {
                outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, Empty, false, false, null));
                continue;
            }

            rounds++;
            if (!participant.HasPlan)
            {
                outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, Empty, false, false, "has no feasible plan to tighten"));
                continue;
            }

            var tightened = Tighten(participant, draws[participant.Id], excess, steps, rule, limitKw, AsLists(total));
            if (tightened.Count == 0)
            {
                outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, Empty, false, false, "draws none of the resources in excess"));
                continue;
            }

            resolves++;
            var plan = await resolve(participant, tightened); // no ConfigureAwait(false): callers (grains) need their context back
            if (plan.Accepted)
            {
                // Ptot − old Psub + new Psub (eq. 26), per limited resource.
                var old = draws[participant.Id];
                foreach (var (resource, sum) in total)
                {
                    if (old.TryGetValue(resource, out var before)) for (var i = 0; i < steps; i++) sum[i] -= before[i];
                    if (plan.DrawKw.TryGetValue(resource, out var after)) for (var i = 0; i < steps; i++) sum[i] += after[i];
                }

                draws[participant.Id] = plan.DrawKw;
                excess = Excess(limitKw, AsLists(total));
            }

            outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, tightened, true, plan.Accepted,
                plan.Accepted ? null : plan.Reason ?? "kept its last feasible plan: no feasible plan within the tightened limits"));
        }

        var totalAfter = AsLists(total);
        return new CoordinationReport(rounds, resolves, limitKw, totalBefore, totalAfter, excessBefore, excess,
            Violation(excessBefore, stepHours), Violation(excess, stepHours), outcomes);
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

    private static IReadOnlyDictionary<string, IReadOnlyList<double>> AsLists(Dictionary<string, double[]> values) =>
        values.ToDictionary(v => v.Key, v => (IReadOnlyList<double>)v.Value.ToArray(), StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, double> Violation(IReadOnlyDictionary<string, IReadOnlyList<double>> excess, double stepHours) =>
        excess.ToDictionary(e => e.Key, e => e.Value.Sum() * stepHours, StringComparer.Ordinal);

    private static bool AnyExcess(IReadOnlyDictionary<string, IReadOnlyList<double>> excess) => excess.Values.Any(e => e.Any(v => v > Tolerance));

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> Empty = new Dictionary<string, IReadOnlyList<double>>();
}

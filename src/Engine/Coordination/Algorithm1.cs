namespace Sems.Engine.Coordination;

/// <summary>
/// Coordination of subsystems under district limits: seeds/004 §2.3, eqs. 25–28 and Algorithm 1, with the excess
/// taken as Pex = max(0, Ptot − Plim) (the text's meaning; eq. 27 prints the sign reversed). Subsystems are visited in
/// priority order (1 first) while any excess remains; each is re-solved with P̄max = max(Pmin, Psub − Pex) for every
/// limited resource that is still in excess. At steps without excess this holds the subsystem at its planned draw, so a
/// re-solve cannot move load into them. A subsystem that cannot meet its tightened limits keeps its last feasible plan.
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
        Resolve resolve)
    {
        ArgumentNullException.ThrowIfNull(limitKw);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(resolve);
        var ordered = participants.OrderBy(p => p.Priority).ToList();
        var draws = ordered.ToDictionary(p => p.Id, p => p.DrawKw, StringComparer.Ordinal);
        var totalBefore = Total(limitKw.Keys, draws.Values, steps);
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

            var tightened = Tighten(participant, draws[participant.Id], excess, steps);
            if (tightened.Count == 0)
            {
                outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, Empty, false, false, "draws none of the resources in excess"));
                continue;
            }

            resolves++;
            var plan = await resolve(participant, tightened); // no ConfigureAwait(false): callers (grains) need their context back
            if (plan.Accepted) draws[participant.Id] = plan.DrawKw;
            outcomes.Add(new ParticipantOutcome(participant.Id, participant.Priority, tightened, true, plan.Accepted,
                plan.Accepted ? null : plan.Reason ?? "kept its last feasible plan: no feasible plan within the tightened limits"));
            excess = Excess(limitKw, Total(limitKw.Keys, draws.Values, steps));
        }

        var totalAfter = Total(limitKw.Keys, draws.Values, steps);
        return new CoordinationReport(rounds, resolves, limitKw, totalBefore, totalAfter, excessBefore, excess,
            Violation(excessBefore, stepHours), Violation(excess, stepHours), outcomes);
    }

    /// <summary>P̄max = max(Pmin, Psub − Pex) for each limited resource still in excess that the subsystem draws.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Tighten(
        CoordinationParticipant participant,
        IReadOnlyDictionary<string, IReadOnlyList<double>> drawKw,
        IReadOnlyDictionary<string, IReadOnlyList<double>> excessKw,
        int steps)
    {
        var tightened = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var (resource, excess) in excessKw)
        {
            if (!excess.Any(e => e > Tolerance) || !drawKw.TryGetValue(resource, out var draw) || draw.All(v => v <= Tolerance)) continue;
            participant.MinKw.TryGetValue(resource, out var min);
            var max = new double[steps];
            for (var i = 0; i < steps; i++) max[i] = Math.Max(min?[i] ?? 0, draw[i] - excess[i]);
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

    private static IReadOnlyDictionary<string, double> Violation(IReadOnlyDictionary<string, IReadOnlyList<double>> excess, double stepHours) =>
        excess.ToDictionary(e => e.Key, e => e.Value.Sum() * stepHours, StringComparer.Ordinal);

    private static bool AnyExcess(IReadOnlyDictionary<string, IReadOnlyList<double>> excess) => excess.Values.Any(e => e.Any(v => v > Tolerance));

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> Empty = new Dictionary<string, IReadOnlyList<double>>();
}

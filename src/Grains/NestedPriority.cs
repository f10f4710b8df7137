using Sems.Engine.Coordination;

namespace Sems.Grains;

/// <summary>
/// Algorithm 1 under nested limits, as a sequence of the engine's flat Algorithm 1: every node that limits something,
/// deepest first, runs it over the subsystems of its subtree with the draws the nodes below left. A subsystem's
/// re-solve always carries the tightest P̄max any node gave it (element-wise minimum over every resource), so a node
/// higher up cannot undo what a node below required, and the allowance rule never loosens past it.
/// </summary>
public static class NestedPriority
{
    /// <param name="nodeOf">Per participant (same order), its node's index in <paramref name="tree"/>.</param>
    public static async ValueTask<CoordinationReport> RunAsync(double stepHours, int steps, LimitTree tree, IReadOnlyList<CoordinationParticipant> participants,
        IReadOnlyList<int> nodeOf, Algorithm1.Resolve resolve, CoordinationRule rule = CoordinationRule.Allowance)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(nodeOf);
        ArgumentNullException.ThrowIfNull(resolve);
        if (tree.Count == 1) return await Algorithm1.RunAsync(stepHours, steps, tree.RootLimitKw, participants, resolve, rule);

        var current = participants.ToDictionary(p => p.Id, p => p, StringComparer.Ordinal);
        var caps = new Dictionary<string, Dictionary<string, IReadOnlyList<double>>>(StringComparer.Ordinal);
        var outcomes = participants.ToDictionary(p => p.Id, p => new ParticipantOutcome(p.Id, p.Priority, Empty, false, false, null), StringComparer.Ordinal);
        var paths = nodeOf.Select(k => tree.PathToRoot(k).ToHashSet()).ToList();
        var rounds = 0;
        var resolves = 0;
        for (var k = tree.Count - 1; k >= 0; k--)
        {
            if (tree.ImportMaxKw[k].Count == 0) continue;
            var below = participants.Where((_, p) => paths[p].Contains(k)).Select(p => Capped(current[p.Id], caps.GetValueOrDefault(p.Id))).ToList();
            var report = await Algorithm1.RunAsync(stepHours, steps, tree.ImportMaxKw[k], below, async (participant, tightened) =>
            {
                var merged = Merge(caps.GetValueOrDefault(participant.Id), tightened);
                var plan = await resolve(participant, merged);
                if (plan.Accepted)
                {
                    caps[participant.Id] = merged;
                    current[participant.Id] = current[participant.Id] with { DrawKw = plan.DrawKw, HasPlan = true };
                }

                return plan;
            }, rule);
            rounds += report.Rounds;
            resolves += report.Resolves;
            foreach (var o in report.Participants.Where(o => o.Resolved))
            {
                outcomes[o.Id] = o with { TightenedMaxKw = caps.TryGetValue(o.Id, out var c) && o.Accepted ? c : o.TightenedMaxKw };
            }

        }

        // The root's totals from the first and final draws, whether or not the root limits anything.
        var limits = tree.RootLimitKw;
        var totalBefore = Algorithm1.Total(limits.Keys, participants.Select(p => p.CountedDrawKw), steps);
        var totalAfter = Algorithm1.Total(limits.Keys, participants.Select(p => current[p.Id].CountedDrawKw), steps);
        var excessBefore = Algorithm1.Excess(limits, totalBefore);
        var excessAfter = Algorithm1.Excess(limits, totalAfter);
        return new CoordinationReport(rounds, resolves, limits, totalBefore, totalAfter, excessBefore, excessAfter,
            excessBefore.ToDictionary(e => e.Key, e => e.Value.Sum() * stepHours, StringComparer.Ordinal),
            excessAfter.ToDictionary(e => e.Key, e => e.Value.Sum() * stepHours, StringComparer.Ordinal),
            participants.OrderBy(p => p.Priority).Select(p => outcomes[p.Id]).ToList());
    }

    /// <summary>The participant with its Pmax lowered to the caps nodes below gave it.</summary>
    private static CoordinationParticipant Capped(CoordinationParticipant p, Dictionary<string, IReadOnlyList<double>>? caps)
    {
        if (caps is null) return p;
        var max = p.MaxKw.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        foreach (var (resource, cap) in caps) max[resource] = max.TryGetValue(resource, out var own) ? own.Zip(cap, Math.Min).ToArray() : cap;
        return p with { MaxKw = max };
    }

    private static Dictionary<string, IReadOnlyList<double>> Merge(Dictionary<string, IReadOnlyList<double>>? caps, IReadOnlyDictionary<string, IReadOnlyList<double>> tightened)
    {
        var merged = new Dictionary<string, IReadOnlyList<double>>(caps ?? [], StringComparer.Ordinal);
        foreach (var (resource, max) in tightened) merged[resource] = merged.TryGetValue(resource, out var cap) ? cap.Zip(max, Math.Min).ToArray() : max;
        return merged;
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> Empty = new Dictionary<string, IReadOnlyList<double>>();
}

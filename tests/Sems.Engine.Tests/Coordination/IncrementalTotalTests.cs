using Sems.Engine.Coordination;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// Algorithm 1 keeps Ptot incrementally; a brute-force reference here recomputes Ptot from every plan after each
/// re-solve. On random districts (random plans, minimums, limits, refusals and re-solves) both must agree exactly.
/// </summary>
public sealed class IncrementalTotalTests
{
    public static TheoryData<int, CoordinationRule> Cases()
    {
        var data = new TheoryData<int, CoordinationRule>();
        for (var seed = 1; seed <= 25; seed++)
        {
            data.Add(seed, CoordinationRule.Literal);
            data.Add(seed, CoordinationRule.Allowance);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Incremental_ptot_matches_a_brute_force_recomputation(int seed, CoordinationRule rule)
    {
        var random = new Random(seed);
        var steps = random.Next(2, 12);
        string[] resources = ["electricity", "gas"];
        var participants = Enumerable.Range(0, random.Next(2, 9)).Select(k => new CoordinationParticipant(
            $"s{k}", random.Next(1, 20),
            resources.ToDictionary(r => r, _ => (IReadOnlyList<double>)Values(random, steps, 0, 5)),
            resources.Where(_ => random.Next(4) > 0).ToDictionary(r => r, _ => (IReadOnlyList<double>)Values(random, steps, 0, 60)))).ToList();
        var limits = resources.ToDictionary(r => r, _ => (IReadOnlyList<double>)Values(random, steps, 40, 150));
        var answers = new Random(seed * 7919);
        var responses = new Dictionary<string, (bool Accept, double Fraction)>();
        foreach (var p in participants) responses[p.Id] = (answers.Next(5) > 0, answers.NextDouble());

        ValueTask<ResolvedPlan> Resolve(CoordinationParticipant participant, IReadOnlyDictionary<string, IReadOnlyList<double>> max)
        {
            var (accept, fraction) = responses[participant.Id];
            if (!accept) return ValueTask.FromResult(new ResolvedPlan(false, participant.DrawKw, "refused"));
            var draw = new Dictionary<string, IReadOnlyList<double>>(participant.DrawKw);
            foreach (var (resource, series) in max) draw[resource] = series.Select(v => v * (0.5 + 0.5 * fraction)).ToArray();
            return ValueTask.FromResult(new ResolvedPlan(true, draw));
        }

        var report = await Algorithm1.RunAsync(0.25, steps, limits, participants, Resolve, rule);
        var reference = await BruteForce(steps, limits, participants, Resolve, rule);

        foreach (var resource in resources)
        {
            Close(reference.Total[resource], report.DrawAfterKw[resource]);
            Close(reference.Excess[resource], report.ExcessAfterKw[resource]);
        }

        Assert.Equal(reference.Tightened.Count, report.Participants.Count(p => p.TightenedMaxKw.Count > 0));
        foreach (var outcome in report.Participants.Where(p => p.TightenedMaxKw.Count > 0))
        {
            foreach (var (resource, max) in outcome.TightenedMaxKw) Close(reference.Tightened[outcome.Id][resource], max);
        }
    }

    /// <summary>Algorithm 1 as written: Ptot summed over every plan after each re-solve.</summary>
    private static async Task<(Dictionary<string, double[]> Total, Dictionary<string, double[]> Excess, Dictionary<string, Dictionary<string, double[]>> Tightened)> BruteForce(
        int steps, IReadOnlyDictionary<string, IReadOnlyList<double>> limits, IReadOnlyList<CoordinationParticipant> participants, Algorithm1.Resolve resolve, CoordinationRule rule)
    {
        var plans = participants.ToDictionary(p => p.Id, p => p.DrawKw);
        var tightened = new Dictionary<string, Dictionary<string, double[]>>();
        Dictionary<string, double[]> Total() => limits.Keys.ToDictionary(r => r, r =>
            Enumerable.Range(0, steps).Select(i => plans.Values.Sum(d => d.TryGetValue(r, out var s) ? s[i] : 0)).ToArray());
        Dictionary<string, double[]> Excess(Dictionary<string, double[]> total) => limits.ToDictionary(l => l.Key, l =>
            Enumerable.Range(0, steps).Select(i => total[l.Key][i] - l.Value[i] is var e && e > Algorithm1.Tolerance ? e : 0.0).ToArray());

        foreach (var participant in participants.OrderBy(p => p.Priority))
        {
            var total = Total();
            var excess = Excess(total);
            if (!excess.Values.Any(e => e.Any(v => v > Algorithm1.Tolerance))) break;
            var max = new Dictionary<string, double[]>();
            var drawsExcess = excess.Any(e => e.Value.Any(v => v > Algorithm1.Tolerance)
                && plans[participant.Id].TryGetValue(e.Key, out var d) && d.Any(v => v > Algorithm1.Tolerance));
            foreach (var (resource, e) in excess)
            {
                if (!drawsExcess || !plans[participant.Id].TryGetValue(resource, out var draw)) continue;
                var min = participant.MinKw[resource];
                max[resource] = Enumerable.Range(0, steps).Select(i => Math.Max(min[i],
                    rule == CoordinationRule.Literal ? draw[i] - e[i] : limits[resource][i] - (total[resource][i] - draw[i]))).ToArray();
            }

            if (max.Count == 0) continue;
            tightened[participant.Id] = max;
            var plan = await resolve(participant, max.ToDictionary(m => m.Key, m => (IReadOnlyList<double>)m.Value));
            if (plan.Accepted) plans[participant.Id] = plan.DrawKw;
        }

        var after = Total();
        return (after, Excess(after), tightened);
    }

    /// <summary>Equal up to rounding: the two sum the same numbers in a different order.</summary>
    private static void Close(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-9);
    }

    private static double[] Values(Random random, int steps, double lo, double hi) =>
        Enumerable.Range(0, steps).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray();
}

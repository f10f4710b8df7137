using Xunit.Abstractions;
using Sems.Engine.Coordination;

namespace Sems.Engine.Tests.Coordination;

/// <summary>
/// The parallel priority mode reaches the sequential algorithm's result: on seeded random grids (random trees, random
/// priorities with ties, limits deep in the tree or at the root, nodes without limits, two resources, subsystems
/// without a plan) with deterministic stand-in resolvers of four kinds (convex min(Psub, P̄max); a scaled answer; one
/// drawing its whole cap; a refusal), both runs must agree on every participant and every node total.
/// </summary>
public sealed class ParallelEqualsSequentialTests(ITestOutputHelper output)
{
    private static readonly string[] Resources = ["electricity", "gas"];

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 24));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Parallel_batches_give_the_sequential_outcome(int seed)
    {
        var deep = seed % 2 == 0;
        var random = new Random(seed);
        var steps = random.Next(2, 9);
        var rule = seed % 4 < 2 ? CoordinationRule.Allowance : CoordinationRule.Literal;
        var nodeCount = random.Next(deep ? 3 : 1, 9);
        var parents = Enumerable.Range(0, nodeCount).Select(k => k == 0 ? -1 : random.Next(0, k)).ToList();
        var participants = new List<CoordinationParticipant>();
        var kinds = new Dictionary<string, (int Kind, double Fraction)>(StringComparer.Ordinal);
        var count = deep ? random.Next(20, 41) : random.Next(3, 16);
        for (var k = 0; k < count; k++)
        {
            var id = $"s{k}";
            var draw = Resources.Where(r => r == "electricity" || random.Next(3) == 0)
                .ToDictionary(r => r, _ => (IReadOnlyList<double>)Values(random, steps, 5, 40));
            var min = draw.ToDictionary(d => d.Key, d => (IReadOnlyList<double>)d.Value.Select(v => v * 0.3 * random.NextDouble()).ToArray());
            var kind = deep ? (random.Next(10) < 8 ? 0 : random.Next(1, 4)) : random.Next(4);
            kinds[id] = (kind, random.NextDouble());
            var hasPlan = random.Next(12) > 0;
            participants.Add(new CoordinationParticipant(id, random.Next(1, deep ? 30 : 6), min, hasPlan ? draw : new Dictionary<string, IReadOnlyList<double>>(), hasPlan)
            {
                Node = random.Next(4) == 0 ? null : $"n{random.Next(nodeCount)}",
                MaxKw = random.Next(3) == 0 ? draw.ToDictionary(d => d.Key, d => (IReadOnlyList<double>)d.Value.Select(v => v + 20).ToArray()) : new Dictionary<string, IReadOnlyList<double>>(),
                NoPlanDrawKw = hasPlan ? new Dictionary<string, IReadOnlyList<double>>() : draw,
                Convex = kind == 0,
            });
        }

        // Limits: a fraction of the subtree's draw (deep: at every non-root node, 40–70 %; shallow: the root at 60–90 %
        // and some other nodes), so that several nodes are in excess.
        var subtree = SubtreeDraws(parents, participants, steps);
        var limits = Enumerable.Range(0, nodeCount).Select(n =>
        {
            var limited = deep ? n > 0 || random.Next(2) == 0 : n == 0 || random.Next(3) == 0;
            return (IReadOnlyDictionary<string, IReadOnlyList<double>>)(limited
                ? Resources.Where(r => r == "electricity" || random.Next(2) == 0).ToDictionary(r => r, r => (IReadOnlyList<double>)subtree[n][r]
                    .Select(v => v * (deep ? 0.4 + 0.3 * random.NextDouble() : 0.6 + 0.3 * random.NextDouble())).ToArray())
                : new Dictionary<string, IReadOnlyList<double>>());
        }).ToList();
        var tree = new LimitTree(Enumerable.Range(0, nodeCount).Select(n => $"n{n}").ToList(), parents, limits);

        ResolvedPlan Answer(CoordinationParticipant participant, IReadOnlyDictionary<string, IReadOnlyList<double>> max)
        {
            var (kind, fraction) = kinds[participant.Id];
            if (kind == 3) return new ResolvedPlan(false, participant.DrawKw, "refused");
            var draw = new Dictionary<string, IReadOnlyList<double>>(participant.DrawKw, StringComparer.Ordinal);
            foreach (var (resource, cap) in max)
            {
                var own = participant.DrawKw[resource];
                draw[resource] = kind switch
                {
                    0 => own.Select((v, i) => Math.Min(v, cap[i])).ToArray(),
                    1 => own.Select((v, i) => Math.Min(v, cap[i]) * (0.6 + 0.4 * fraction)).ToArray(),
                    _ => cap.ToArray(),
                };
            }

            return new ResolvedPlan(true, draw);
        }

        var batchSize = random.Next(2, 7);
        var sequential = await Algorithm1.RunAsync(0.25, steps, tree, participants, (p, max) => ValueTask.FromResult(Answer(p, max)), rule);
        var parallel = await Algorithm1.RunParallelAsync(0.25, steps, tree, participants,
            batch => ValueTask.FromResult<IReadOnlyList<ResolvedPlan>>(batch.Select(r => Answer(r.Participant, r.TightenedMaxKw)).ToList()), batchSize, rule);

        AssertSame(sequential, parallel);
        output.WriteLine($"seed {seed} ({(deep ? "deep" : "shallow")}, {rule}, batch {batchSize}): {parallel.Resolves} re-solves in {parallel.Rounds} rounds, " +
            $"{parallel.SpeculativeResolves} speculative, {parallel.WastedResolves} wasted, {parallel.Participants.Count(p => p.Speculative && !SameCaps(p))} used on another cap");
        // Brute force: the node totals recomputed from each participant's final plan equal the parallel run's.
        var final = participants.ToDictionary(p => p.Id, p => p.CountedDrawKw, StringComparer.Ordinal);
        foreach (var o in parallel.Participants.Where(o => o.Accepted)) final[o.Id] = o.Plan!.DrawKw;
        var recomputed = SubtreeDraws(parents, participants.Select(p => p with { DrawKw = final[p.Id], HasPlan = true }).ToList(), steps);
        for (var n = 0; n < nodeCount; n++)
        {
            foreach (var resource in parallel.Nodes[$"n{n}"].Keys) Close(recomputed[n][resource], parallel.Nodes[$"n{n}"][resource].DrawAfterKw);
        }

        Assert.True(parallel.Rounds <= parallel.Resolves, $"{parallel.Rounds} rounds for {parallel.Resolves} re-solves");
        Assert.Equal(parallel.Rounds + parallel.SpeculativeResolves - parallel.Resolves, parallel.WastedResolves);
        if (deep)
        {
            Assert.True(parallel.Resolves >= 4, $"a deep limit should need several re-solves, got {parallel.Resolves}");
            Assert.True(parallel.Rounds < parallel.Resolves, $"{parallel.Rounds} rounds for {parallel.Resolves} re-solves");
        }
    }

    /// <summary>Identical outcomes per participant and node totals within 1e-6 kW.</summary>
    internal static void AssertSame(CoordinationReport sequential, CoordinationReport parallel)
    {
        Assert.Equal("priority", sequential.Mode);
        Assert.Equal("priority-parallel", parallel.Mode);
        Assert.Equal(sequential.Visited, parallel.Visited);
        Assert.Equal(sequential.Resolves, parallel.Resolves);
        Assert.Equal(sequential.Participants.Select(p => p.Id), parallel.Participants.Select(p => p.Id));
        for (var k = 0; k < sequential.Participants.Count; k++)
        {
            var (s, p) = (sequential.Participants[k], parallel.Participants[k]);
            Assert.Equal((s.Id, s.Resolved, s.Accepted, s.Note), (p.Id, p.Resolved, p.Accepted, p.Note));
            Assert.Equal(s.TightenedMaxKw.Keys.Order(), p.TightenedMaxKw.Keys.Order());
            foreach (var (resource, max) in s.TightenedMaxKw) Close(max, p.TightenedMaxKw[resource]);
            if (!s.Accepted) continue;
            Assert.Equal(s.Plan!.DrawKw.Keys.Order(), p.Plan!.DrawKw.Keys.Order());
            foreach (var (resource, draw) in s.Plan.DrawKw) Close(draw, p.Plan.DrawKw[resource]);
        }

        Assert.Equal(sequential.Nodes.Keys, parallel.Nodes.Keys);
        foreach (var (node, byResource) in sequential.Nodes)
        {
            foreach (var (resource, outcome) in byResource)
            {
                Close(outcome.DrawAfterKw, parallel.Nodes[node][resource].DrawAfterKw);
                Close(outcome.ExcessAfterKw, parallel.Nodes[node][resource].ExcessAfterKw);
            }
        }

        Assert.Equal(sequential.LimitsHold, parallel.LimitsHold);
    }

    private static List<Dictionary<string, double[]>> SubtreeDraws(IReadOnlyList<int> parents, IReadOnlyList<CoordinationParticipant> participants, int steps)
    {
        var totals = parents.Select(_ => Resources.ToDictionary(r => r, _ => new double[steps])).ToList();
        foreach (var p in participants)
        {
            for (var n = p.Node is null ? 0 : int.Parse(p.Node[1..]); n >= 0; n = parents[n])
            {
                foreach (var (resource, draw) in p.CountedDrawKw)
                {
                    for (var i = 0; i < steps; i++) totals[n][resource][i] += draw[i];
                }
            }
        }

        return totals;
    }

    private static bool SameCaps(ParticipantOutcome outcome) =>
        outcome.TightenedMaxKw.All(t => t.Value.Select((v, i) => Math.Abs(v - outcome.SolvedMaxKw![t.Key][i])).Max() <= 1e-9);

    private static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i], 1e-6);
    }

    private static double[] Values(Random random, int steps, double lo, double hi) =>
        Enumerable.Range(0, steps).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray();
}

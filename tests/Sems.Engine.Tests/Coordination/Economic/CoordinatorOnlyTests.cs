using Sems.Engine.Coordination;
using Sems.Engine.Coordination.Economic;
using Sems.Engine.Optimisation;
using Xunit.Abstractions;

namespace Sems.Engine.Tests.Coordination.Economic;

/// <summary>
/// <see cref="EconomicCoordinator"/> alone, with participants whose answers are closed form: a base load plus an
/// energy to place anywhere at up to a rate (greedy in the cheapest steps, which is that LP's optimum). The joint
/// optimum comes from one LP solved by GLOP here; the limits are checked by summing the final draws per node here.
/// </summary>
public sealed class CoordinatorOnlyTests(ITestOutputHelper output)
{
    private const int Steps = 24;
    private const double Dt = 1;

    [Fact]
    public async Task The_seed_shares_of_every_overloaded_node_sum_to_at_most_its_limit_so_the_first_master_needs_no_slack()
    {
        var (loads, nodes, limits) = District(30, 3, 0.6, seed: 7);
        IReadOnlyList<CapRequest>? seeds = null;
        var report = await Run(loads, nodes, limits, new EconomicOptions { MaxRounds = 2, GapTolerance = 0 }, requests => seeds ??= requests);
        Assert.NotNull(seeds);
        // The participants accept their shares, so the first master (priced in round 2) needs no slack at all.
        Assert.True(report.Trace[1].MasterSlackKw <= 1e-6, $"first master slack {report.Trace[1].MasterSlackKw} kW");
        Assert.True(double.IsPositiveInfinity(report.Trace[0].UpperBound)); // round 1 is the seed round: no master yet
        var own = loads.Select(l => l.Respond(null).Draw).ToArray();
        for (var n = 0; n < limits.Count; n++)
        {
            var members = Enumerable.Range(0, loads.Count).Where(k => Under(nodes[k], n, limits)).ToList();
            var limit = limits.ImportMaxKw[n]["electricity"];
            var overloaded = Enumerable.Range(0, Steps).Any(i => members.Sum(k => own[k][i]) > limit[i] + 1e-9);
            if (!overloaded) continue;
            // Every member of an overloaded subtree is asked, and the caps at each step sum to at most the limit.
            var caps = members.Select(k => seeds!.Single(r => r.Participant.Id == $"p{k}").MaxKw["electricity"]).ToList();
            for (var i = 0; i < Steps; i++) Assert.True(caps.Sum(c => c[i]) <= limit[i] + 1e-9, $"node {limits.NodeIds[n]} step {i}: caps {caps.Sum(c => c[i])} kW above {limit[i]} kW");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Aggregated_or_not_the_final_plans_hold_every_limit_and_certify_half_a_percent(int maxGroups)
    {
        var (loads, nodes, limits) = District(60, 3, 0.55, seed: 11);
        var optimum = JointOptimum(loads, nodes, limits);
        var report = await Run(loads, nodes, limits, new EconomicOptions { MaxRounds = 10, MaxMasterGroups = maxGroups }, _ => { });
        var total = report.Participants.Sum(p => p.Objective);
        output.WriteLine($"groups {maxGroups}: {report.Rounds} rounds, J {total:F4}, optimum {optimum:F4}, LB {report.LowerBound:F4}, certified {report.Gap:P3}");
        Assert.True(report.Converged);
        for (var n = 0; n < limits.Count; n++)
        {
            var limit = limits.ImportMaxKw[n]["electricity"];
            for (var i = 0; i < Steps; i++)
            {
                var sum = Enumerable.Range(0, loads.Count).Where(k => Under(nodes[k], n, limits)).Sum(k => report.Participants[k].DrawKw["electricity"][i]);
                Assert.True(sum <= limit[i] + 1e-6, $"node {limits.NodeIds[n]} step {i}: {sum} kW above {limit[i]} kW");
            }
        }

        Assert.True(report.LowerBound <= optimum + 1e-6);
        Assert.InRange((total - optimum) / optimum, -1e-7, 0.005);
        Assert.True((total - report.LowerBound) / total <= 0.005 + 1e-9);
        // Each participant's reported J is its own plan's cost, recomputed here from its draw.
        for (var k = 0; k < loads.Count; k++)
            Assert.Equal(loads[k].Cost(report.Participants[k].DrawKw["electricity"]), report.Participants[k].Objective, 6);
    }

    private static bool Under(string node, int n, LimitTree limits)
    {
        for (var k = limits.IndexOf(node); k >= 0; k = limits.ParentOf(k))
        {
            if (k == n) return true;
        }

        return false;
    }

    private static async Task<EconomicReport> Run(IReadOnlyList<Load> loads, IReadOnlyList<string> nodes, LimitTree limits, EconomicOptions options, Action<IReadOnlyList<CapRequest>> seen)
    {
        var participants = loads.Select((l, k) =>
        {
            var (draw, cost, _) = l.Respond(null);
            return new EconomicParticipant($"p{k}", nodes[k], new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = draw }, cost) { IsOwnOptimum = true };
        }).ToList();
        int Index(EconomicParticipant p) => int.Parse(p.Id[1..], System.Globalization.CultureInfo.InvariantCulture);
        return await EconomicCoordinator.RunAsync(Dt, Steps, limits, participants,
            (requests, _) => ValueTask.FromResult<IReadOnlyList<PricedPlan>>(requests.Select(r =>
            {
                var (draw, cost, priced) = loads[Index(r.Participant)].Respond(r.PricePerKwh.GetValueOrDefault("electricity"));
                return new PricedPlan(true, cost, priced, new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = draw });
            }).ToList()),
            (requests, _) =>
            {
                seen(requests);
                return ValueTask.FromResult<IReadOnlyList<RepairedPlan>>(requests.Select(r =>
                    loads[Index(r.Participant)].Within(r.MaxKw["electricity"]) is { } draw
                        ? new RepairedPlan(true, loads[Index(r.Participant)].Cost(draw), new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = draw })
                        : new RepairedPlan(false, double.NaN, new Dictionary<string, IReadOnlyList<double>>(), "does not fit")).ToList());
            },
            options);
    }

    /// <summary>Participants on feeders under a substation; every node limited to the fraction of its unconstrained peak (at least 1.05 × its base peak).</summary>
    private static (IReadOnlyList<Load>, IReadOnlyList<string>, LimitTree) District(int count, int feeders, double fraction, int seed)
    {
        var random = new Random(seed);
        var loads = Enumerable.Range(0, count).Select(_ =>
        {
            var offset = 0.01 * random.NextDouble();
            var peak = 17 + 3 * random.NextDouble();
            var tariff = Enumerable.Range(0, Steps).Select(i => 0.12 + 0.18 * Math.Exp(-Math.Pow((i - 18) / 3.0, 2)) + 0.04 * Math.Sin(i / 3.0) + offset).ToArray();
            var baseKw = Enumerable.Range(0, Steps).Select(i => 0.5 + 1.5 * Math.Exp(-Math.Pow((i - peak) / 2, 2))).ToArray();
            return new Load(baseKw, 5 + 10 * random.NextDouble(), 3 + 4 * random.NextDouble(), tariff);
        }).ToList();
        var nodes = Enumerable.Range(0, count).Select(k => $"feeder{k % feeders}").ToList();
        var ids = new List<string> { "substation" };
        ids.AddRange(Enumerable.Range(0, feeders).Select(f => $"feeder{f}"));
        var own = loads.Select(l => l.Respond(null).Draw).ToList();
        var limit = Enumerable.Range(0, feeders + 1).Select(n =>
        {
            var members = Enumerable.Range(0, count).Where(k => n == 0 || k % feeders == n - 1).ToList();
            var kw = Math.Max(fraction * Enumerable.Range(0, Steps).Max(i => members.Sum(k => own[k][i])), 1.05 * Enumerable.Range(0, Steps).Max(i => members.Sum(k => loads[k].BaseKw[i])));
            return (IReadOnlyDictionary<string, IReadOnlyList<double>>)new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = Enumerable.Repeat(kw, Steps).ToArray() };
        }).ToList();
        return (loads, nodes, new LimitTree(ids, Enumerable.Range(0, feeders + 1).Select(n => n == 0 ? -1 : 0).ToList(), limit));
    }

    /// <summary>The joint LP over every participant's shift and every node's limit.</summary>
    private static double JointOptimum(IReadOnlyList<Load> loads, IReadOnlyList<string> nodes, LimitTree limits)
    {
        var program = new LinearProgram();
        var x = loads.Select(l => Enumerable.Range(0, Steps).Select(i =>
        {
            var v = program.AddVariable(Subject.Structural("shift"), i, 0, l.RateKw);
            program.AddObjective(v, l.Tariff[i] * Dt);
            return v;
        }).ToArray()).ToArray();
        for (var k = 0; k < loads.Count; k++) program.AddRow(Subject.Structural("energy"), k, loads[k].EnergyKwh, loads[k].EnergyKwh, x[k].Select(v => (v, Dt)).ToArray());
        program.ObjectiveOffset = loads.Sum(l => Enumerable.Range(0, Steps).Sum(i => l.Tariff[i] * l.BaseKw[i] * Dt));
        for (var n = 0; n < limits.Count; n++)
        {
            var members = Enumerable.Range(0, loads.Count).Where(k => Under(nodes[k], n, limits)).ToList();
            for (var i = 0; i < Steps; i++)
            {
                var step = i;
                program.AddRow(Subject.Structural("node"), i, double.NegativeInfinity, limits.ImportMaxKw[n]["electricity"][i] - members.Sum(k => loads[k].BaseKw[step]),
                    members.Select(k => (x[k][step], 1.0)).ToArray());
            }
        }

        var solution = OrToolsSolver.Solve(program, SolverSettings.Default);
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        return solution.Objective;
    }

    /// <summary>A base load plus <see cref="EnergyKwh"/> to place at 0 … <see cref="RateKw"/> per step; J = Σ tariff·draw·Δt.</summary>
    private sealed record Load(double[] BaseKw, double EnergyKwh, double RateKw, double[] Tariff)
    {
        public double Cost(IReadOnlyList<double> draw) => Enumerable.Range(0, Steps).Sum(i => Tariff[i] * draw[i] * Dt);

        /// <summary>min J + Σ price·draw·Δt: the energy into the steps of least tariff + price (ties by step).</summary>
        public (double[] Draw, double Cost, double Priced) Respond(IReadOnlyList<double>? price)
        {
            var order = Enumerable.Range(0, Steps).OrderBy(i => Tariff[i] + (price?[i] ?? 0)).ThenBy(i => i);
            var draw = Place(order, Enumerable.Repeat(RateKw, Steps).ToArray())!;
            return (draw, Cost(draw), Enumerable.Range(0, Steps).Sum(i => (Tariff[i] + (price?[i] ?? 0)) * draw[i] * Dt));
        }

        /// <summary>min J with draw ≤ cap: the energy into the cheapest steps within min(rate, cap − base); null when it does not fit.</summary>
        public double[]? Within(IReadOnlyList<double> capKw)
        {
            if (Enumerable.Range(0, Steps).Any(i => capKw[i] < BaseKw[i] - 1e-9)) return null;
            var room = Enumerable.Range(0, Steps).Select(i => Math.Min(RateKw, Math.Max(0, capKw[i] - BaseKw[i]))).ToArray();
            return Place(Enumerable.Range(0, Steps).OrderBy(i => Tariff[i]).ThenBy(i => i), room);
        }

        private double[]? Place(IEnumerable<int> order, double[] roomKw)
        {
            var draw = (double[])BaseKw.Clone();
            var left = EnergyKwh;
            foreach (var i in order)
            {
                var take = Math.Min(roomKw[i], left / Dt);
                draw[i] += take;
                left -= take * Dt;
            }

            return left > 1e-7 ? null : draw;
        }
    }
}

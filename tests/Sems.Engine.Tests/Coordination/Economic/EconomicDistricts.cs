using Sems.Engine.Coordination;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Tests.Coordination.Economic;

/// <summary>Districts built in code for the economic coordination tests: a hand-worked two-feeder case and seeded random trees.</summary>
public static class EconomicDistricts
{
    private static readonly ObjectiveWeights CostOnly = new(1, 0, 0, new Dictionary<string, double> { ["cost"] = 1 });

    /// <summary>
    /// Two steps of 1 h, electricity at 0.1 then 0.3 per kWh. A on feeder-a (limit 3 kW) needs 2 kW of power at each
    /// step and has a lossless store; B on feeder-b (no limit) needs 5 kW at each step and has a store charging at 90 %.
    /// The substation's limit is 12 kW. Worked by hand: buying at step 0 saves A 0.2 per kWh and B 0.3·0.9 − 0.1 = 0.17
    /// per kWh, so A takes all feeder-a allows (3 kW: draws [3, 1]) and B the rest of the substation's 12 kW (draws
    /// [9, 5 − 0.9·4 = 1.4]); J = 0.3 + 0.3 + 0.9 + 0.42 = 1.92.
    /// </summary>
    public static District TwoFeeders()
    {
        const int n = 2;
        var a = Home("a", "feeder-a", [2, 2], 10, 1.0, n);
        var b = Home("b", "feeder-b", [5, 5], 10, 0.9, n);
        var root = new Dictionary<string, Series> { ["electricity"] = Series.Constant(12, n) };
        var grid = new GridTopology([
            new GridNode("substation", null, root, NoLimits),
            new GridNode("feeder-a", "substation", new Dictionary<string, Series> { ["electricity"] = Series.Constant(3, n) }, NoLimits),
            new GridNode("feeder-b", "substation", NoLimits, NoLimits),
        ]);
        return new District("two-feeders", null, 60, n, Factors(Series.Of([0.1, 0.3])), root, [a, b]) { Grid = grid };
    }

    /// <summary>
    /// A seeded random district: a tree of 1–3 levels, 4–20 small LP subsystems of three kinds (a home with a lossy
    /// battery, a heat pump with a gas boiler and a leaky thermal store, a flexible load whose energy may be postponed),
    /// on 24 one-hour steps; the root and some deeper nodes limited below what their subtrees draw unconstrained.
    /// </summary>
    /// <param name="offset">Every profile (tariff, demands, COP) starts this many steps later, the limits those of offset 0: the next cycle's district.</param>
    public static District Random(int seed, int steps = 24, int? subsystemCount = null, int offset = 0)
    {
        var random = new Random(seed);
        double U(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        var n = steps;
        var tariff = Series.Of(Enumerable.Range(offset, n).Select(i => 0.12 + 0.18 * Math.Exp(-Math.Pow((i % 24 - 18) / 3.0, 2)) + 0.04 * Math.Sin(i / 3.0)));

        // The tree: the root; then 2–3 feeders; then 1–2 buildings under each feeder.
        var levels = random.Next(1, 4);
        var nodes = new List<(string Id, string? Parent)> { ("substation", null) };
        if (levels >= 2)
        {
            var feeders = random.Next(2, 4);
            for (var f = 0; f < feeders; f++)
            {
                nodes.Add(($"feeder{f}", "substation"));
                if (levels == 3)
                {
                    var buildings = random.Next(1, 3);
                    for (var b = 0; b < buildings; b++) nodes.Add(($"feeder{f}-b{b}", $"feeder{f}"));
                }
            }
        }

        var count = subsystemCount ?? random.Next(4, 21);
        var subsystems = new List<Subsystem>();
        for (var k = 0; k < count; k++)
        {
            var node = nodes[random.Next(nodes.Count)].Id;
            var peakHour = U(7, 21);
            var width = U(1.5, 4);
            var baseKw = U(1, 4);
            var peakKw = U(2, 8);
            var profile = Enumerable.Range(offset, n).Select(i => baseKw + peakKw * Math.Exp(-Math.Pow((i % 24 - peakHour) / width, 2))).ToArray();
            subsystems.Add((k % 3) switch
            {
                0 => Battery($"home{k}", node, profile, U(8, 20), U(0.9, 0.97), U(0.995, 1), U(3, 6), n),
                1 => HeatPump($"heat{k}", node, profile.Select(v => 1.5 * v).ToArray(), U(2.5, 4), U(8, 14), U(10, 30), U(0.95, 0.99), n, offset, random),
                _ => Flexible($"flex{k}", node, profile, U(4, 12), U(2, 6), n),
            });
        }

        var factors = Factors(tariff, Series.Constant(0.09, n));
        var unlimited = new District($"random-{seed}", null, 60, n, factors, new Dictionary<string, Series>(), subsystems);
        if (offset != 0)
        {
            var first = Random(seed, steps, subsystemCount, 0);
            return unlimited with { DistrictLimits = first.DistrictLimits, Grid = first.Grid };
        }

        var own = DistrictSolver.SolveAll(unlimited);
        var grid = new GridTopology(nodes.Select(x => new GridNode(x.Id, x.Parent, new Dictionary<string, Series>(), NoLimits)).ToList());
        var limits = LimitTree.Of(grid);

        // Limit the root and about half the deeper nodes to 55–80 % of the peak their subtree draws unconstrained; relax
        // by 5 % until the centralised problem is feasible (power-only homes cannot shift everything).
        var fractions = nodes.Select((_, k) => k == 0 || random.NextDouble() < 0.5 ? U(0.55, 0.8) : double.NaN).ToArray();
        for (var relax = 1.0; ; relax *= 1.05)
        {
            var gridNodes = new List<GridNode>();
            for (var k = 0; k < nodes.Count; k++)
            {
                var peak = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var sum = 0.0;
                    for (var l = 0; l < subsystems.Count; l++)
                    {
                        if (limits.PathToRoot(limits.IndexOf(subsystems[l].Node)).Contains(k)) sum += own[l].DrawKw.GetValueOrDefault("electricity")?[i] ?? 0;
                    }

                    peak = Math.Max(peak, sum);
                }

                var limited = !double.IsNaN(fractions[k]) && peak > 0;
                gridNodes.Add(new GridNode(nodes[k].Id, nodes[k].Parent, limited
                    ? new Dictionary<string, Series> { ["electricity"] = Series.Constant(Math.Round(Math.Min(1, fractions[k] * relax) * peak, 3), n) }
                    : new Dictionary<string, Series>(), NoLimits));
            }

            var district = unlimited with { DistrictLimits = gridNodes[0].ImportMaxKw, Grid = new GridTopology(gridNodes) };
            if (CentralisedPlanner.Reference(district).Status == SolveStatus.Optimal) return district;
        }
    }

    /// <summary>
    /// The district with its first heat pump under unit commitment (on at ≥ 3 kW, 2 steps up and down at least, a
    /// start cost of 0.5): a MILP subsystem among LPs, as in examples/boiler-commitment.json.
    /// </summary>
    public static District WithCommitment(District district)
    {
        var k = district.Subsystems.ToList().FindIndex(s => s.Supplies.Any(x => x.Id == "heat-pump"));
        var subsystem = district.Subsystems[k];
        var n = district.HorizonSteps;
        var supplies = subsystem.Supplies.Select(x => x.Id == "heat-pump"
            ? x with { Commitment = new Commitment(Series.Constant(3, n), 2, 2, 0.5, false, Commitment.LongAgo) }
            : x).ToList();
        var subsystems = district.Subsystems.ToList();
        subsystems[k] = subsystem with { Supplies = supplies };
        return district with { Subsystems = subsystems };
    }

    /// <summary>Power from the grid, a series demand and a store (lossless when both efficiencies are 1).</summary>
    public static Subsystem Home(string id, string node, double[] demandKw, double capacityKwh, double chargeEfficiency, int n) =>
        new(id, 1, new Dictionary<string, ResourceBounds>(),
            [new Supply("grid", [new Conversion("electricity", "power", Series.Constant(1, n), Series.Constant(0, n), Series.Constant(20, n))], true, null)],
            [new Store($"{id}-store", "power", 0, capacityKwh, 0, chargeEfficiency, 1, 1, Series.Constant(0, n), Series.Constant(10, n),
                Series.Constant(0, n), Series.Constant(10, n), Series.Constant(0, n), StoreTerminal.AtLeastInitial, false)],
            [new SeriesDemand($"{id}-load", "power", Series.Of(demandKw))], new Dictionary<string, Series>(), CostOnly) { Node = node };

    private static Subsystem Battery(string id, string node, double[] demandKw, double capacityKwh, double efficiency, double retention, double rateKw, int n) =>
        new(id, 1, new Dictionary<string, ResourceBounds>(),
            [new Supply("grid", [new Conversion("electricity", "power", Series.Constant(1, n), Series.Constant(0, n), Series.Constant(40, n))], true, null)],
            [new Store($"{id}-battery", "power", 0, capacityKwh, 0.5 * capacityKwh, efficiency, efficiency, retention, Series.Constant(0, n), Series.Constant(rateKw, n),
                Series.Constant(0, n), Series.Constant(rateKw, n), Series.Constant(0, n), StoreTerminal.AtLeastInitial, false)],
            [new SeriesDemand($"{id}-load", "power", Series.Of(demandKw))], new Dictionary<string, Series>(), CostOnly) { Node = node };

    private static Subsystem HeatPump(string id, string node, double[] heatKw, double cop, double maxKw, double storeKwh, double retention, int n, int offset, Random random)
    {
        var noiseRandom = new Random(random.Next()); // one draw of the district's sequence, whatever the offset
        var noise = Enumerable.Range(0, n + offset).Select(_ => 0.1 * noiseRandom.NextDouble()).ToArray();
        var efficiency = Series.Of(Enumerable.Range(offset, n).Select(i => cop * (1 + 0.15 * Math.Sin(2 * Math.PI * (i - 15) / 24)) + noise[i]));
        return new Subsystem(id, 1, new Dictionary<string, ResourceBounds>(),
            [
                new Supply("heat-pump", [new Conversion("electricity", "heat", efficiency, Series.Constant(0, n), Series.Constant(maxKw, n))], true, null),
                new Supply("boiler", [new Conversion("gas", "heat", Series.Constant(0.9, n), Series.Constant(0, n), Series.Constant(60, n))], false, null),
            ],
            [new Store($"{id}-tank", "heat", 0, storeKwh, 0.3 * storeKwh, 0.98, 0.98, retention, Series.Constant(0, n), Series.Constant(20, n),
                Series.Constant(0, n), Series.Constant(20, n), Series.Constant(0, n), StoreTerminal.AtLeastInitial, false)],
            [new SeriesDemand($"{id}-heat", "heat", Series.Of(heatKw))], new Dictionary<string, Series>(), CostOnly) { Node = node };
    }

    /// <summary>A load whose energy may be postponed up to <paramref name="postponeKwh"/> and must all be served within the horizon.</summary>
    private static Subsystem Flexible(string id, string node, double[] demandKw, double postponeKwh, double rateKw, int n) =>
        new(id, 1, new Dictionary<string, ResourceBounds>(),
            [new Supply("grid", [new Conversion("electricity", "power", Series.Constant(1, n), Series.Constant(0, n), Series.Constant(40, n))], true, null)],
            [new Store($"{id}-delay", "power", -postponeKwh, 0, 0, 1, 1, 1, Series.Constant(0, n), Series.Constant(rateKw, n),
                Series.Constant(0, n), Series.Constant(rateKw, n), Series.Constant(0, n), StoreTerminal.ReturnToInitial, false)],
            [new SeriesDemand($"{id}-load", "power", Series.Of(demandKw))], new Dictionary<string, Series>(), CostOnly) { Node = node };

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, Series>> Factors(Series electricity, Series? gas = null)
    {
        var cost = new Dictionary<string, Series> { ["electricity"] = electricity };
        if (gas is not null) cost["gas"] = gas;
        return new Dictionary<string, IReadOnlyDictionary<string, Series>> { ["cost"] = cost };
    }

    private static readonly IReadOnlyDictionary<string, Series> NoLimits = new Dictionary<string, Series>();
}

using Sems.Engine.Model;

namespace Sems.Engine.Tests.Mpc;

/// <summary>Seeded generator of random valid districts of one subsystem, sized so that most are feasible.</summary>
public static class RandomSubsystems
{
    private static readonly string[] Resources = ["electricity", "gas", "solar"];

    public static District Generate(int seed, bool stateSpace)
    {
        var random = new Random(seed);
        var n = random.Next(4, 25);
        var stepMinutes = new[] { 15, 30, 60 }[random.Next(3)];
        double U(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        Series S(double lo, double hi) => Series.Of(Enumerable.Range(0, n).Select(_ => U(lo, hi)));

        var types = stateSpace ? new[] { "heat", "power" } : random.Next(2) == 0 ? new[] { "heat" } : new[] { "heat", "power" };
        var supplies = new List<Supply>();
        var capacity = types.ToDictionary(t => t, _ => new double[n]);
        foreach (var type in types)
        {
            var count = random.Next(1, 4);
            for (var k = 0; k < count; k++)
            {
                var resource = Resources[random.Next(Resources.Length)];
                var efficiency = S(0.5, 4);
                var max = S(20, 200);
                var min = random.Next(4) == 0 ? S(0, 5) : Series.Constant(0, n);
                for (var i = 0; i < n; i++) capacity[type][i] += max[i] * efficiency[i];
                supplies.Add(new Supply($"{type}-s{k}", [new Conversion(resource, type, efficiency, min, max)], random.Next(3) > 0, null));
            }
        }

        var stores = new List<Store>();
        foreach (var type in types)
        {
            for (var k = random.Next(0, 3); k > 0; k--)
            {
                var delayable = random.Next(4) == 0;
                var socMin = delayable ? -U(20, 200) : 0;
                var socMax = delayable ? 0 : U(50, 500);
                var terminal = (StoreTerminal)random.Next(3);
                stores.Add(new Store($"{type}-st{k}", type, socMin, socMax, U(socMin, socMax), U(0.8, 1), U(0.8, 1), delayable ? 1 : U(0.95, 1),
                    Series.Constant(0, n), S(10, 100), Series.Constant(0, n), S(10, 100), S(-0.01, 0.01),
                    delayable ? StoreTerminal.ReturnToInitial : terminal == StoreTerminal.ReturnToInitial ? StoreTerminal.AtLeastInitial : terminal, false));
            }
        }

        var demands = new List<Demand>();
        var disturbances = new Dictionary<string, Series>();
        foreach (var type in types)
        {
            if (stateSpace && type == "heat")
            {
                var a = U(0.8, 0.99);
                disturbances["outdoorTemp"] = S(-5, 15);
                demands.Add(new StateSpaceDemand("zone", [[a]], new Dictionary<string, double[]> { ["heat"] = [U(0.001, 0.02)] },
                    new Dictionary<string, double[]> { ["outdoorTemp"] = [1 - a] }, [[1.0]], [U(15, 25)],
                    new Band(Series.Constant(19, n), Series.Constant(23, n), (BandSide)random.Next(3)), U(0.1, 1)));
                continue;
            }

            demands.Add(new SeriesDemand($"{type}-load", type, Series.Of(Enumerable.Range(0, n).Select(i => U(0, 0.6) * capacity[type][i]))));
        }

        var drawn = supplies.SelectMany(s => s.Conversions).Select(c => c.Resource).Distinct().ToList();
        var resources = new Dictionary<string, ResourceBounds>();
        foreach (var p in drawn.Where(_ => random.Next(2) == 0))
            resources[p] = new ResourceBounds(Series.Constant(0, n), S(150, 600));

        var factors = new Dictionary<string, IReadOnlyDictionary<string, Series>>
        {
            ["cost"] = drawn.ToDictionary(p => p, p => p == "solar" ? Series.Constant(0, n) : S(0.02, 0.4)),
            ["co2"] = drawn.ToDictionary(p => p, _ => S(0, 0.3)),
        };
        var comfort = stateSpace ? U(0.1, 0.5) : 0;
        var storage = U(0, 0.2);
        var weights = new ObjectiveWeights(1 - comfort - storage, storage, comfort, new Dictionary<string, double> { ["cost"] = U(0, 1), ["co2"] = U(0, 1) });
        var subsystem = new Subsystem($"random-{seed}", 1, resources, supplies, stores, demands, disturbances, weights);
        return new District($"random-{seed}", null, stepMinutes, n, factors, new Dictionary<string, Series>(), [subsystem]);
    }
}

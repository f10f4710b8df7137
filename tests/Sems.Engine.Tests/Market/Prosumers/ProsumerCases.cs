using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market.Prosumers;

/// <summary>Builders of prosumers and requests for the prosumer tests.</summary>
internal static class ProsumerCases
{
    public static double[] Fill(int steps, double value) => Enumerable.Repeat(value, steps).ToArray();

    public static Prosumer Prosumer(string id, double[] loadKw, double[]? pvKw = null, ProsumerBattery? battery = null,
        IReadOnlyList<FlexibleLoad>? flexible = null, double importMaxKw = 10, double exportMaxKw = 10) =>
        new(id, "dwelling", null, false, false, loadKw, pvKw ?? Fill(loadKw.Length, 0), Fill(loadKw.Length, importMaxKw), Fill(loadKw.Length, exportMaxKw), battery, flexible ?? []);

    public static ProsumerRequest Request(string id, double[] buy, double[] sell, double[]? importCapKw = null, double[]? exportCapKw = null, int iteration = 0) =>
        new(id, iteration, buy, sell, importCapKw, exportCapKw);

    /// <summary>A battery of η_c = η_d = 0.9 (round trip 0.81) that must end at least where it starts.</summary>
    public static ProsumerBattery Battery(double capacityKwh, double socInitialKwh = 0, double chargeMaxKw = 5, double dischargeMaxKw = 5, double efficiency = 0.9) =>
        new(capacityKwh, socInitialKwh, 0, chargeMaxKw, dischargeMaxKw, efficiency, efficiency, true);

    /// <summary>
    /// A seeded random prosumer of <paramref name="steps"/> steps: a household load, a PV bell, a battery (70 %), 0–2
    /// flexible loads, sometimes caps; and a request whose prices vary per step, some instances with negative prices.
    /// </summary>
    public static (Prosumer Prosumer, ProsumerRequest Request) Random(int seed, int steps)
    {
        var rng = new Random(seed);
        var id = $"p{seed}";
        var perHour = steps / 24.0;
        var peakPv = rng.NextDouble() < 0.2 ? 0 : 1 + 6 * rng.NextDouble();
        var load = new double[steps];
        var pv = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            var hour = t / perHour;
            load[t] = 0.3 + 0.6 * rng.NextDouble() + (hour is >= 17 and < 21 ? 1.2 * rng.NextDouble() : 0);
            pv[t] = hour is > 6 and < 18 ? peakPv * Math.Sin(Math.PI * (hour - 6) / 12) * (0.7 + 0.3 * rng.NextDouble()) : 0;
        }

        ProsumerBattery? battery = null;
        if (rng.NextDouble() < 0.7)
        {
            var capacity = 2 + 10 * rng.NextDouble();
            var socMin = 0.1 * capacity * rng.NextDouble();
            battery = new ProsumerBattery(capacity, socMin + (capacity - socMin) * rng.NextDouble(), socMin, 1 + 4 * rng.NextDouble(), 1 + 4 * rng.NextDouble(),
                0.85 + 0.15 * rng.NextDouble(), 0.85 + 0.15 * rng.NextDouble(), rng.NextDouble() < 0.8);
        }

        var flexible = new List<FlexibleLoad>();
        var count = rng.Next(0, 3);
        for (var l = 0; l < count; l++)
        {
            var run = rng.Next(1, Math.Max(2, (int)(4 * perHour)) + 1);
            var profile = Enumerable.Range(0, run).Select(_ => 0.5 + 2.5 * rng.NextDouble()).ToArray();
            var earliest = rng.Next(0, steps - run);
            var latestEnd = Math.Min(steps - 1, earliest + run - 1 + rng.Next(0, (int)(12 * perHour)));
            var preferred = rng.Next(earliest, latestEnd - run + 2);
            flexible.Add(new FlexibleLoad($"load{l}", profile, earliest, latestEnd, preferred, 0.05 * rng.NextDouble()));
        }

        var negative = rng.NextDouble() < 0.25;
        var buy = new double[steps];
        var sell = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            buy[t] = 0.08 + 0.27 * rng.NextDouble();
            sell[t] = buy[t] * 0.8 * rng.NextDouble();
            if (negative && rng.NextDouble() < 0.25)
            {
                buy[t] = -0.05 - 0.1 * rng.NextDouble();
                sell[t] = buy[t] - 0.1 * rng.NextDouble();
            }
        }

        double[]? exportCap = rng.NextDouble() < 0.3 ? Enumerable.Range(0, steps).Select(_ => 3 * rng.NextDouble()).ToArray() : null;
        var prosumer = new Prosumer(id, "dwelling", null, false, false, load, pv, Fill(steps, 12), Fill(steps, 8), battery, flexible);
        return (prosumer, new ProsumerRequest(id, 0, buy, sell, null, exportCap));
    }
}

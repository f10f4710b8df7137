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

    /// <summary>The request with every price moved by a seeded factor in [0.6, 1.4] (sell kept ≤ buy): the next iteration of a market.</summary>
    public static ProsumerRequest Perturbed(ProsumerRequest request, int seed, int iteration)
    {
        var rng = new Random(seed * 7919 + iteration);
        var buy = request.BuyPerKwh.Select(b => b * (0.6 + 0.8 * rng.NextDouble())).ToArray();
        var sell = request.SellPerKwh.Select((s, t) => Math.Min(buy[t], s * (0.6 + 0.8 * rng.NextDouble()))).ToArray();
        return request with { Iteration = iteration, BuyPerKwh = buy, SellPerKwh = sell };
    }

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

    /// <summary>Balance, limits, exclusivity, SoC dynamics and bounds, each flexible load run once in its window, and the costs, recomputed from the schedule.</summary>
    public static void AssertFeasible(Prosumer p, ProsumerRequest r, double stepHours, ProsumerSolution s)
    {
        const double tol = 1e-6;
        var schedule = s.Schedule!;
        var d = s.Dispatch!;
        var n = r.BuyPerKwh.Count;
        var flexible = new double[n];
        var discomfort = 0.0;
        for (var l = 0; l < p.FlexibleLoads.Count; l++)
        {
            var load = p.FlexibleLoads[l];
            var start = d.StartSteps[l];
            Assert.InRange(start, load.EarliestStartStep, load.LatestEndStep - load.ProfileKw.Count + 1);
            for (var k = 0; k < load.ProfileKw.Count; k++) flexible[start + k] += load.ProfileKw[k];
            discomfort += load.DelayCostPerStep * Math.Abs(start - load.PreferredStartStep);
        }

        var energy = 0.0;
        for (var t = 0; t < n; t++)
        {
            Assert.Equal(flexible[t], d.FlexibleKw[t], tol);
            var supply = d.PvUsedKw[t] + d.DischargeKw[t] + schedule.ImportKw[t];
            var use = p.LoadKw[t] + d.ChargeKw[t] + flexible[t] + schedule.ExportKw[t];
            Assert.Equal(supply, use, tol);
            Assert.True(schedule.ImportKw[t] == 0 || schedule.ExportKw[t] == 0, $"step {t} imports and exports");
            Assert.True(d.ChargeKw[t] == 0 || d.DischargeKw[t] == 0, $"step {t} charges and discharges");
            Assert.InRange(d.PvUsedKw[t], 0, p.PvKw[t] + tol);
            Assert.InRange(schedule.ImportKw[t], 0, p.ImportMaxKw[t] + tol);
            Assert.InRange(schedule.ExportKw[t], 0, Math.Min(p.ExportMaxKw[t], r.ExportCapKw?[t] ?? double.MaxValue) + tol);
            energy += stepHours * r.BuyPerKwh[t] * schedule.ImportKw[t] - stepHours * r.SellPerKwh[t] * schedule.ExportKw[t];
        }

        Assert.Equal(energy, schedule.EnergyCost, tol);
        Assert.Equal(discomfort, schedule.DiscomfortCost, tol);
        if (p.Battery is not { } b) return;
        Assert.Equal(b.SocInitialKwh, d.SocKwh[0], tol);
        for (var t = 0; t < n; t++)
        {
            Assert.InRange(d.ChargeKw[t], 0, b.ChargeMaxKw + tol);
            Assert.InRange(d.DischargeKw[t], 0, b.DischargeMaxKw + tol);
            Assert.Equal(d.SocKwh[t] + stepHours * (b.ChargeEfficiency * d.ChargeKw[t] - d.DischargeKw[t] / b.DischargeEfficiency), d.SocKwh[t + 1], tol);
            Assert.InRange(d.SocKwh[t + 1], b.SocMinKwh - tol, b.CapacityKwh + tol);
        }

        if (b.EndAtLeastInitial) Assert.True(d.SocKwh[n] >= b.SocInitialKwh - tol);
    }
}

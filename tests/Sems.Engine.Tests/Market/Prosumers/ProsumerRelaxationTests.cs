using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market.Prosumers;

/// <summary>
/// The LP-first shortcut against always solving the MILP with SCIP, on 50 seeded random prosumers: the same optimum,
/// and a schedule that satisfies the model's physics when checked step by step outside the solver.
/// </summary>
public sealed class ProsumerRelaxationTests
{
    private static readonly ProsumerSolverOptions MilpOnly = ProsumerSolverOptions.Default with { RelaxationFirst = false };

    [Fact]
    public void The_relaxation_shortcut_finds_the_milp_optimum_on_random_prosumers()
    {
        var paths = new Dictionary<ProsumerSolvePath, int>();
        for (var seed = 1; seed <= 50; seed++)
        {
            var (prosumer, request) = ProsumerCases.Random(seed, 24);
            var fast = ProsumerSolver.Solve(prosumer, 1, request);
            var milp = ProsumerSolver.Solve(prosumer, 1, request, MilpOnly);
            Assert.Null(fast.Problem);
            Assert.Null(milp.Problem);
            var hasBinaries = prosumer.Battery is not null || prosumer.FlexibleLoads.Count > 0;
            Assert.Equal(hasBinaries ? ProsumerSolvePath.Milp : ProsumerSolvePath.Relaxation, milp.Path);
            paths[fast.Path] = paths.GetValueOrDefault(fast.Path) + 1;
            var fastCost = fast.Schedule!.EnergyCost + fast.Schedule.DiscomfortCost;
            var milpCost = milp.Schedule!.EnergyCost + milp.Schedule.DiscomfortCost;
            Assert.True(Math.Abs(fastCost - milpCost) <= 1e-6, $"seed {seed}: LP-first {fastCost:R} ({fast.Path}) against MILP {milpCost:R}");
            Check(prosumer, request, fast);
            Check(prosumer, request, milp);
        }

        // The sample exercises both paths: mostly the relaxation, and the MILP where the relaxation cheats.
        Assert.True(paths.GetValueOrDefault(ProsumerSolvePath.Relaxation) >= 10, $"relaxation answered {paths.GetValueOrDefault(ProsumerSolvePath.Relaxation)} of 50");
        Assert.True(paths.GetValueOrDefault(ProsumerSolvePath.Milp) >= 3, $"MILP answered {paths.GetValueOrDefault(ProsumerSolvePath.Milp)} of 50");
    }

    /// <summary>Balance, limits, exclusivity, SoC dynamics and bounds, each flexible load run once in its window, and the costs, recomputed from the schedule.</summary>
    private static void Check(Prosumer p, ProsumerRequest r, ProsumerSolution s)
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
            energy += r.BuyPerKwh[t] * schedule.ImportKw[t] - r.SellPerKwh[t] * schedule.ExportKw[t];
        }

        Assert.Equal(energy, schedule.EnergyCost, tol);
        Assert.Equal(discomfort, schedule.DiscomfortCost, tol);
        if (p.Battery is not { } b) return;
        Assert.Equal(b.SocInitialKwh, d.SocKwh[0], tol);
        for (var t = 0; t < n; t++)
        {
            Assert.InRange(d.ChargeKw[t], 0, b.ChargeMaxKw + tol);
            Assert.InRange(d.DischargeKw[t], 0, b.DischargeMaxKw + tol);
            Assert.Equal(d.SocKwh[t] + b.ChargeEfficiency * d.ChargeKw[t] - d.DischargeKw[t] / b.DischargeEfficiency, d.SocKwh[t + 1], tol);
            Assert.InRange(d.SocKwh[t + 1], b.SocMinKwh - tol, b.CapacityKwh + tol);
        }

        if (b.EndAtLeastInitial) Assert.True(d.SocKwh[n] >= b.SocInitialKwh - tol);
    }
}

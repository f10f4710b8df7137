using Sems.Contracts;

namespace Sems.Grains.Tests.Telemetry;

/// <summary>
/// The "Sems" meter seen through a <see cref="System.Diagnostics.Metrics.MeterListener"/> while the grains of the test
/// cluster (which registers no instrumentation: the grains use the shared one) run real cycles and take measurements.
/// </summary>
public sealed class CycleMetricsTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    [Fact]
    public async Task A_cycle_records_one_solve_per_plan_and_re_solve_and_the_violation_it_left()
    {
        const string district = "otel-cycle";
        using var metrics = new MetricCapture();
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district);
        var start = fixture.Clock.GetUtcNow();
        Assert.Empty(await coordinator.Configure(Unreachable.District(), start));

        // 7 min into the first 15-min step: cycle 0 starts 420 s late on the SEMS clock.
        fixture.Clock.Advance(TimeSpan.FromMinutes(7));
        var report = await coordinator.RunCycle();
        Assert.Equal(0, report.Cycle);

        // Every subsystem is asked for a plan once (2 subsystems), and each re-solve Algorithm 1 asked for is a solve.
        var solves = metrics.Of("sems.solve.duration", district);
        Assert.Equal(report.Resolves + report.Subsystems.Length, solves.Count);
        Assert.Equal(2 + 4, solves.Count);
        Assert.Equal(2, solves.Count(s => s.Tags["kind"] == "plan"));
        Assert.Equal(report.Resolves, solves.Count(s => s.Tags["kind"] == "resolve"));
        // The plans are optimal; of the re-solves the heat network's is optimal, the EV hub's (90 kW at steps 1–2 under
        // 85 kW) infeasible on all 4 steps and on the first 2, and optimal with the caps on step 0 only (the horizon fallback).
        Assert.Equal(["plan/optimal", "plan/optimal", "resolve/infeasible", "resolve/infeasible", "resolve/optimal", "resolve/optimal"],
            solves.Select(s => $"{s.Tags["kind"]}/{s.Tags["status"]}").Order(StringComparer.Ordinal));
        Assert.All(solves, s => Assert.True(s.Value > 0 && s.Unit == "s", $"a solve of {s.Value} {s.Unit}"));

        var violation = Assert.Single(metrics.Of("sems.cycle.violation", district));
        Assert.Equal(("electricity", "kWh"), (violation.Tags["resource"], violation.Unit));
        Assert.Equal(report.ViolationAfterKwh["electricity"], violation.Value, 9);
        Assert.Equal(Unreachable.ViolationAfterKwh, violation.Value, 9);

        Assert.Equal(420.0, Assert.Single(metrics.Of("sems.cycle.lag", district)).Value, 9);
        Assert.Equal(report.Rounds, Assert.Single(metrics.Of("sems.cycle.rounds", district)).Value);
        Assert.Equal(4, metrics.Of("sems.cycle.resolves", district).Sum(m => m.Value));
        // Step 0 of every plan: heat pump, boiler, the EV hub's grid connection.
        Assert.Equal(3, metrics.Of("sems.setpoints.committed", district).Sum(m => m.Value));
        Assert.Equal(report.WallMs / 1000, Assert.Single(metrics.Of("sems.cycle.duration", district)).Value, 9);
        Assert.Empty(metrics.Of("sems.cycle.missed", district));

        // 50 min after the start is cycle ⌊50/15⌋ = 3, 5 min (300 s) into its step; cycles 1 and 2 could not run.
        fixture.Clock.Advance(TimeSpan.FromMinutes(43));
        var late = await coordinator.RunCycle();
        Assert.Equal(3, late.Cycle);
        Assert.Equal(2, metrics.Of("sems.cycle.missed", district).Sum(m => m.Value));
        Assert.Equal([420.0, 300.0], metrics.Of("sems.cycle.lag", district).Select(m => Math.Round(m.Value, 9)));
        Assert.Equal(report.Resolves + late.Resolves + 2 * report.Subsystems.Length, metrics.Of("sems.solve.duration", district).Count);
    }

    [Fact]
    public async Task Rejected_measurements_are_counted_by_reason()
    {
        const string district = "otel-telemetry";
        using var metrics = new MetricCapture();
        var now = fixture.Clock.GetUtcNow();
        var tank = fixture.Grains.GetGrain<IAssetGrain>($"{district}/heat/tank");
        await tank.Configure(new AssetDefinition("heat", "tank", AssetKind.Store, "soc", "kWh", [0], [600], TimeSpan.FromMinutes(30)));

        Assert.True((await tank.Record(new Measurement(now, "soc", [300], "kWh"))).Accepted);
        Assert.False((await tank.Record(new Measurement(now - TimeSpan.FromHours(1), "soc", [310], "kWh"))).Accepted);
        Assert.False((await tank.Record(new Measurement(now, "soc", [double.NaN], "kWh"))).Accepted);
        Assert.False((await tank.Record(new Measurement(now - TimeSpan.FromMinutes(5), "soc", [290], "kWh"))).Accepted);

        // Two stale ones (an hour old; older than the latest accepted) and one non-finite, as sent.
        var rejected = metrics.Of("sems.telemetry.rejected", district);
        Assert.Equal(new Dictionary<string, double> { ["not-finite"] = 1, ["stale"] = 2 },
            rejected.GroupBy(m => m.Tags["reason"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value)));
        Assert.Equal(1, metrics.Of("sems.telemetry.accepted", district).Sum(m => m.Value));

        // The asset's own counts, kept in its state, agree.
        var snapshot = await tank.GetSnapshot();
        Assert.Equal(snapshot.Rejected.Values.Sum(), rejected.Sum(m => m.Value));
    }
}

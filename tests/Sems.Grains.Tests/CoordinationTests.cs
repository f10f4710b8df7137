using System.Text.Json.Nodes;
using Sems.Contracts;
using Sems.Engine.Coordination;
using Sems.Engine.Districts;

namespace Sems.Grains.Tests;

/// <summary>
/// Coordination cycles run by the grains on the worked example (Δt = 0.25 h; heat pump COP 3 at 0.15/kWh beats the
/// boiler at 0.06/0.9, so the heat network draws 20 kW of electricity; the EV hub draws [50, 90, 90, 50] kW; limit 100 kW).
/// </summary>
public sealed class CoordinationTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    [Fact]
    public async Task The_first_priority_absorbs_the_whole_excess()
    {
        // Ptot = [70, 110, 110, 70], Pex = [0, 10, 10, 0]; heat network P̄max = Plim − (Ptot − Psub) (the allowance rule)
        // = [100 − 50, 10, 10, 100 − 50] = [50, 10, 10, 50] → heat pump [20, 10, 10, 20] (20 kW is its optimum where free),
        // the boiler makes up 30 kW heat (33.333 kW gas) at steps 1–2. Violation 2·10·0.25 = 5 kWh → 0.
        var report = await Run("absorb", Districts.Example("two-subsystems-limit.json"));

        Assert.Equal((1, 1), (report.Rounds, report.Resolves));
        var heat = report.Subsystems.Single(s => s.SubsystemId == "heat-network");
        Assert.Equal([50.0, 10, 10, 50], heat.TightenedMaxKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal([20.0, 10, 10, 20], heat.DrawAfterKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal(30 / 0.9, heat.DrawAfterKw["gas"][1], 6);
        Assert.Empty(report.Subsystems.Single(s => s.SubsystemId == "ev-hub").TightenedMaxKw);
        Assert.Equal([70.0, 100, 100, 70], report.DrawAfterKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal(5.0, report.ViolationBeforeKwh["electricity"], 9);
        Assert.Equal(0.0, report.ViolationAfterKwh["electricity"], 9);

        // Step 0 of every plan is committed: heat pump, boiler, EV grid connection.
        Assert.Equal(3, report.SetpointsCommitted);
        var heatPump = await fixture.Grains.GetGrain<IAssetGrain>("absorb/heat-network/heat-pump").GetSetpoint();
        Assert.Equal(20.0, heatPump!.Values["electricity.drawKw"], 6);
        Assert.Equal(60.0, heatPump.Values["heat.outputKw"], 6);
    }

    [Fact]
    public async Task The_excess_cascades_to_the_second_priority()
    {
        // Heat network Pmin 15 kW: P̄max = max(15, [20, 10, 10, 20]) = [20, 15, 15, 20] → Ptot [70, 105, 105, 70];
        // the EV hub gets Plim − (Ptot − Psub) = [100 − 20, 85, 85, 100 − 20] = [80, 85, 85, 80] and covers 5 kW at
        // steps 1–2 with its gas generator (η 0.35: 14.286 kW gas).
        var json = Districts.With(d =>
        {
            Districts.Subsystem(d, 0)["resources"] = JsonNode.Parse("""{ "electricity": { "min": 15, "max": 30 } }""");
            Districts.Subsystem(d, 1)["supplies"]!.AsArray().Add(JsonNode.Parse(
                """{ "id": "gas-generator", "conversions": [ { "resource": "gas", "energyType": "power", "efficiency": 0.35, "min": 0, "max": 100 } ] }"""));
        });
        var report = await Run("cascade", json);

        Assert.Equal(2, report.Resolves);
        var ev = report.Subsystems.Single(s => s.SubsystemId == "ev-hub");
        Assert.Equal([80.0, 85, 85, 80], ev.TightenedMaxKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal(5 / 0.35, ev.DrawAfterKw["gas"][1], 6);
        Assert.Equal([70.0, 100, 100, 70], report.DrawAfterKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal(0.0, report.ViolationAfterKwh["electricity"], 9);
    }

    [Fact]
    public async Task An_unreachable_limit_is_reported_and_every_subsystem_keeps_a_feasible_plan()
    {
        // As in the cascade, but the EV hub has no alternative: its demand of 90 kW cannot fit under 85 kW at steps 1–2,
        // so it refuses its caps over the 4 steps (its tightened Pmax would have to give by 5 kW) and over the first 2,
        // and meets them on step 0 alone (the horizon fallback). 5 kW over at steps 1–2 remain: 2.5 kWh.
        var json = Districts.With(d => Districts.Subsystem(d, 0)["resources"] = JsonNode.Parse("""{ "electricity": { "min": 15, "max": 30 } }"""));
        var report = await Run("unreachable", json);

        Assert.Equal(2.5, report.ViolationAfterKwh["electricity"], 9);
        Assert.Equal([0.0, 5, 5, 0], report.ExcessAfterKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.All(report.Subsystems, s => Assert.True(s.HasPlan));
        var ev = report.Subsystems.Single(s => s.SubsystemId == "ev-hub");
        Assert.True(ev.Accepted);
        Assert.Contains("met its caps on the first 1 of 4 steps only", ev.Note);
        Assert.Contains("electricity draw above Pmax (eq. 5) by 5 kW at steps 1–2", ev.Note);
        Assert.Equal(1 + 3, report.Resolves); // the heat network once, the EV hub on 4, 2 and 1 capped steps
        Assert.Equal([50.0, 90, 90, 50], ev.DrawAfterKw["electricity"].Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public async Task The_grains_compute_what_the_pure_algorithm_computes_on_a_real_district()
    {
        var json = TwoExamples.HeatNetworkAndEvHub(limitKw: 300);
        var report = await Run("real", json);
        var local = await LocalCoordinator.RunAsync(DistrictReader.Read(json).GetDistrictOrThrow());

        Assert.True(local.Report.Resolves > 0, "the limit must bind for this comparison to mean something");
        Assert.Equal(local.Report.Rounds, report.Rounds);
        Assert.Equal(local.Report.Resolves, report.Resolves);
        foreach (var outcome in local.Report.Participants)
        {
            var grain = report.Subsystems.Single(s => s.SubsystemId == outcome.Id);
            Assert.Equal(outcome.TightenedMaxKw.Keys.Order(), grain.TightenedMaxKw.Keys.Order());
            foreach (var (resource, max) in outcome.TightenedMaxKw) Assert.Equal(max, grain.TightenedMaxKw[resource], Close);
        }

        Assert.Equal(local.Report.DrawAfterKw["electricity"], report.DrawAfterKw["electricity"], Close);
        Assert.Equal(local.Report.ViolationAfterKwh["electricity"], report.ViolationAfterKwh["electricity"], 6);
    }

    [Fact]
    public async Task Limits_set_at_run_time_are_validated_and_apply_from_the_next_cycle()
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("limits");
        Assert.Empty(await coordinator.Configure(Districts.Example("two-subsystems-limit.json"), ClusterFixture.Epoch));

        var problems = await coordinator.SetLimit("electricity", [100, double.NaN, -1]);
        Assert.Contains(problems, p => p.Contains("an array of 3 values is not a series of exactly 4 steps", StringComparison.Ordinal));
        Assert.Contains((await coordinator.SetLimit("hydrogen", [1, 1, 1, 1])), p => p.StartsWith("resource: \"hydrogen\"", StringComparison.Ordinal));
        Assert.Contains((await coordinator.SetLimit("electricity", [100, double.NaN, 100, 100])), p => p.StartsWith("limitKw[1]: NaN", StringComparison.Ordinal));
        var limits = await coordinator.GetLimits();
        Assert.Equal(new[] { 100.0, 100, 100, 100 }, limits["electricity"]);

        // 120 kW everywhere: no excess, no re-solve.
        Assert.Empty(await coordinator.SetLimit("electricity", [120, 120, 120, 120]));
        var report = await coordinator.RunCycle();
        Assert.Equal(0, report.Resolves);
        Assert.Equal(0.0, report.ViolationBeforeKwh["electricity"]);
    }

    private static readonly IEqualityComparer<double> Close = new ToleranceComparer(1e-6);

    private async Task<CoordinationCycleReport> Run(string key, string json)
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(key);
        Assert.Empty(await coordinator.Configure(json, ClusterFixture.Epoch));
        return await coordinator.RunCycle();
    }
}

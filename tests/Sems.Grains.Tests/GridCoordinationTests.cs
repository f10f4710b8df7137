using Sems.Contracts;
using Sems.Contracts.Limits;

namespace Sems.Grains.Tests;

/// <summary>
/// Nested limits in the coordinator on <see cref="GridDistricts.TwoFeeders"/> (Δt = 0.25 h). Expected draws are worked
/// out by hand from the allowance rule P̄max = max(Pmin, min(Pmax, Plim − (Ptot − Psub))), feeders before the root.
/// </summary>
public sealed class GridCoordinationTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private static readonly DateTimeOffset Epoch = ClusterFixture.Epoch;

    [Fact]
    public async Task Every_node_limit_holds_and_each_node_reports_the_sum_of_its_subtree()
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("grid-nested");
        Assert.Empty(await coordinator.Configure(GridDistricts.TwoFeeders(), Epoch));
        var report = await coordinator.RunCycle();

        // feeder-a (15 kW) first: the heat pump 20 → 15 kW. Then the substation: Ptot [65, 105, 105, 65], the heat
        // network's allowance min(15, 100 − (Ptot − 15)) = [15, 10, 10, 15].
        var heat = report.Subsystems.Single(s => s.SubsystemId == "heat-network");
        var ev = report.Subsystems.Single(s => s.SubsystemId == "ev-hub");
        Assert.Equal([15.0, 10, 10, 15], heat.CountedDrawKw["electricity"].Select(v => Math.Round(v, 6)));
        Assert.Equal("substation", report.RootNode);
        var feederA = report.Nodes["feeder-a"]["electricity"];
        Assert.Equal([15.0, 15, 15, 15], feederA.LimitKw!);
        Assert.Equal([20.0, 20, 20, 20], feederA.DrawBeforeKw.Select(v => Math.Round(v, 6)));
        Assert.Equal(4 * 5 * 0.25, feederA.ViolationBeforeKwh, 6);
        Assert.Equal(0.0, feederA.ViolationAfterKwh, 9);
        Assert.Equal(heat.CountedDrawKw["electricity"], feederA.DrawAfterKw);
        var feederB = report.Nodes["feeder-b"]["electricity"];
        Assert.Null(feederB.LimitKw);
        Assert.Equal(ev.CountedDrawKw["electricity"], feederB.DrawAfterKw);
        // The root: the sum of both subsystems, and the top-level fields are the root's.
        var root = report.Nodes["substation"]["electricity"];
        var sum = heat.CountedDrawKw["electricity"].Zip(ev.CountedDrawKw["electricity"], (a, b) => a + b).ToArray();
        Assert.Equal(sum, root.DrawAfterKw, new ToleranceComparer(1e-9));
        Assert.Equal([65.0, 100, 100, 65], root.DrawAfterKw.Select(v => Math.Round(v, 6)));
        Assert.Equal(report.DrawAfterKw["electricity"], root.DrawAfterKw, new ToleranceComparer(1e-9));
        Assert.Equal([100.0, 100, 100, 100], report.LimitKw["electricity"]);
        Assert.Equal(0.0, report.ViolationAfterKwh["electricity"], 9);
        Assert.Equal((10 + 10) * 0.25, report.ViolationBeforeKwh["electricity"], 6);
    }

    [Fact]
    public async Task A_DSO_limit_on_a_feeder_is_used_by_the_next_cycle_and_an_unknown_node_is_refused()
    {
        const string key = "grid-dso";
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(key);
        Assert.Empty(await coordinator.Configure(GridDistricts.TwoFeeders(feederAKw: null), Epoch));
        var limits = fixture.Grains.GetGrain<IGridLimitsGrain>(key);
        var unknown = await limits.Apply(Set("feeder-z", [12]));
        Assert.Equal(LimitOutcomeKind.Invalid, unknown.Outcome);
        Assert.Contains("feeder-z", Assert.Single(unknown.Violations, v => v.Field == "node").Description, StringComparison.Ordinal);

        var first = await coordinator.RunCycle();
        Assert.Null(first.Nodes["feeder-a"]["electricity"].LimitKw);
        Assert.Equal(LimitOutcomeKind.Accepted, (await limits.Apply(Set("feeder-a", [12, 12, 12, 12]))).Outcome);
        Assert.Equal("feeder-a", (await limits.List("feeder-a", null, false)).Single().Profile.Node);
        Assert.Empty(await limits.List("", null, false));

        var next = await coordinator.RunCycle();
        // The same step re-planned with the version: feeder-a 12 kW caps the heat pump at 12 kW; the substation's Ptot
        // [62, 102, 102, 62] then leaves the heat network min(12, 100 − 90) = 10 kW at steps 1–2.
        var feederA = next.Nodes["feeder-a"]["electricity"];
        Assert.Equal([12.0, 12, 12, 12], feederA.LimitKw!);
        Assert.Equal([12.0, 10, 10, 12], feederA.DrawAfterKw.Select(v => Math.Round(v, 6)));
        Assert.Equal([62.0, 100, 100, 62], next.Nodes["substation"]["electricity"].DrawAfterKw.Select(v => Math.Round(v, 6)));
        Assert.Equal(0.0, feederA.ViolationAfterKwh, 9);
        Assert.Equal(0.0, next.ViolationAfterKwh["electricity"], 9);
        Assert.All(next.LimitVersionPerStep["electricity"], v => Assert.Equal(0L, v));
    }

    [Fact]
    public async Task A_grid_with_a_subsystem_on_an_unknown_node_or_two_roots_is_refused_naming_the_field()
    {
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>("grid-bad");
        var good = GridDistricts.TwoFeeders();
        var problems = await coordinator.Configure(good with { Subsystems = [good.Subsystems[0] with { Node = "feeder-q" }, good.Subsystems[1]] }, Epoch);
        Assert.Contains(problems, p => p.Contains("subsystems[0].node", StringComparison.Ordinal) && p.Contains("feeder-q", StringComparison.Ordinal));
        problems = await coordinator.Configure(good with { Grid = [good.Grid[0], good.Grid[1] with { Parent = null }, good.Grid[2]] }, Epoch);
        Assert.Contains(problems, p => p.StartsWith("grid.nodes", StringComparison.Ordinal));
        Assert.Null(await coordinator.GetInfo());
    }

    private static LimitCommand Set(string node, double[] kw) =>
        new(Guid.NewGuid().ToString(), "dso-a", new LimitProfile(node, "electricity", Epoch, TimeSpan.FromMinutes(15), kw, null, null, "feeder works"), null, null);
}

using Sems.Contracts;
using Sems.Contracts.Limits;
using Sems.Contracts.Market;
using Sems.Engine.Market;
using Sems.Engine.Model;
using Sems.Grains.Market;

namespace Sems.Grains.Tests.Market;

/// <summary>
/// The market coordinator grain over the prosumer grains: the same outcome as the engine's coordinator over the
/// in-process round, the DSO's node limits applied to the market's result, and its definition's life cycle.
/// </summary>
public sealed class MarketCoordinatorGrainTests(MarketCluster fixture) : IClassFixture<MarketCluster>
{
    /// <summary>Four prosumers over a day of hourly steps: PV with a battery, an office, an EV to shift, a sunny school; a time-of-use tariff.</summary>
    private static Community Day(string name)
    {
        const int steps = 24;
        double[] Profile(Func<int, double> f) => Enumerable.Range(0, steps).Select(f).ToArray();
        double Sun(int t, double peakKw) => t is >= 7 and <= 19 ? peakKw * Math.Sin(Math.PI * (t - 6) / 14.0) : 0;
        var pvHome = new Prosumer("pv-home", "dwelling", null, false, false, Profile(t => t is >= 18 and <= 22 ? 1.5 : 0.4), Profile(t => Sun(t, 5)),
            TestCommunities.Repeat(9, steps), TestCommunities.Repeat(6, steps), new ProsumerBattery(6, 2, 0.5, 3, 3, 0.95, 0.95, true), []);
        var office = new Prosumer("office", "tertiary", null, true, false, Profile(t => t is >= 8 and <= 18 ? 8 : 1), TestCommunities.Repeat(0, steps),
            TestCommunities.Repeat(20, steps), TestCommunities.Repeat(20, steps), null, []);
        var evHome = new Prosumer("ev-home", "dwelling", null, false, false, TestCommunities.Repeat(0.5, steps), Profile(t => Sun(t, 2)),
            TestCommunities.Repeat(11, steps), TestCommunities.Repeat(4, steps), null, [new FlexibleLoad("ev", [3.7, 3.7, 3.7], 10, 23, 18, 0.05)]);
        var school = new Prosumer("school", "tertiary", null, false, false, Profile(t => t is >= 8 and <= 15 ? 3 : 0.5), Profile(t => Sun(t, 10)),
            TestCommunities.Repeat(15, steps), TestCommunities.Repeat(12, steps), null, []);
        var retail = Profile(t => t is >= 17 and <= 20 ? 0.35 : t is >= 0 and <= 6 ? 0.18 : 0.25);
        return new Community(name, "A day", "EUR", MarketCluster.Now, 60, steps, retail, TestCommunities.Repeat(0.05, steps),
            [pvHome, office, evHome, school], GridTopology.Single(name, new Dictionary<string, Series>(StringComparer.Ordinal)), MarketSettings.Default);
    }

    private async Task<IMarketCoordinatorGrain> Configured(Community community)
    {
        var coordinator = fixture.Grains.GetGrain<IMarketCoordinatorGrain>(community.Name);
        Assert.Empty(await coordinator.Configure(MarketMapper.ToWire(community)));
        return coordinator;
    }

    [Fact]
    public async Task Through_the_grains_the_outcome_is_the_engines_over_the_in_process_round_to_the_cent()
    {
        var community = Day("equal-day");
        var local = await MarketCoordinator.RunAsync(community, new LocalMarketRound(community.Prosumers, community.StepHours, 2));
        var grains = await (await Configured(community)).Run();

        Assert.Equal(local.Converged, grains.Converged);
        Assert.Equal(local.StopReason, grains.StopReason);
        Assert.Equal(local.Iterations, grains.Iterations);
        Assert.Equal(local.Trace.Count, grains.Trace.Length);
        for (var k = 0; k < local.Trace.Count; k++)
        {
            Assert.Equal(local.Trace[k].CommunityCost, grains.Trace[k].CommunityCost, 9);
            Assert.Equal(local.Trace[k].PeerTradedKwh, grains.Trace[k].PeerTradedKwh, 9);
            Assert.Equal(local.Trace[k].BuyPerKwh, grains.Trace[k].BuyPerKwh, new ToleranceComparer(1e-12));
        }

        Assert.Equal(local.Kpis.Prosumers.Select(p => (p.ProsumerId, p.BaselineBillCents, p.MarketBillCents, p.SavingsCents)),
            grains.Prosumers.Select(p => (p.ProsumerId, p.BaselineBillCents, p.MarketBillCents, p.SavingsCents)));
        var bills = local.Settlement.Prosumers.ToDictionary(b => b.ProsumerId);
        Assert.All(grains.Prosumers, p => Assert.Equal((bills[p.ProsumerId].PaidCents, bills[p.ProsumerId].EarnedCents), (p.PaidCents, p.EarnedCents)));
        Assert.Equal((local.Settlement.BuyersPayCents, local.Settlement.SellersEarnCents, local.Settlement.GridPaidCents, local.Settlement.GridPaysCents),
            (grains.Budget.BuyersPayCents, grains.Budget.SellersEarnCents, grains.Budget.GridPaidCents, grains.Budget.GridPaysCents));
        Assert.True(grains.Budget.Balanced);
        Assert.Equal(local.Kpis.Community.MarketBillCents, grains.Totals.MarketBillCents);
        foreach (var s in local.Final)
        {
            var p = Assert.Single(grains.Prosumers, g => g.ProsumerId == s.ProsumerId);
            Assert.Equal(s.ImportKw, p.ImportKw, new ToleranceComparer(1e-9));
            Assert.Equal(s.ExportKw, p.ExportKw, new ToleranceComparer(1e-9));
        }

        Assert.Equal(local.Settlement.Steps.Select(s => s.BuyPerKwh), grains.Steps.Select(s => s.BuyPerKwh), new ToleranceComparer(1e-12));
        // The market pays off for the community at all: its bill with the market is below its members' bills alone.
        Assert.True(grains.Totals.SavingsCents > 0, $"savings {grains.Totals.SavingsCents} cents");
        var last = await fixture.Grains.GetGrain<IMarketCoordinatorGrain>("equal-day").GetLastOutcome();
        Assert.Equal((grains.StopReason, grains.Totals), (last!.StopReason, last.Totals));
    }

    /// <summary>
    /// Two prosumers below a feeder, each with a 6 kW load at hour 1 only and an empty battery (η = 1): at the cheaper
    /// hour 1 (retail 0.30 against 0.31) each imports 6 kW then, 12 kW through the feeder. The DSO limits the feeder to
    /// 8 kW in both hours: the caps share the 4 kW excess pro rata, 4 kW each at hour 1, so each buys the missing 2 kWh
    /// at hour 0 and stores it: imports [2, 4] kW each, the feeder [4, 8] kW.
    /// </summary>
    [Fact]
    public async Task A_dso_limit_on_a_node_set_through_the_limits_grain_holds_in_the_markets_result()
    {
        const string name = "dso-feeder";
        Prosumer Home(string id) => new(id, "dwelling", "feeder", false, false, [0, 6], [0, 0], [20, 20], [20, 20],
            new ProsumerBattery(10, 0, 0, 6, 6, 1, 1, false), []);
        var grid = TestCommunities.Feeder("substation", "feeder", 2, importMaxKw: 20, exportMaxKw: null);
        var community = new Community(name, null, "EUR", MarketCluster.Now, 60, 2, [0.31, 0.30], [0.05, 0.05], [Home("dso-a"), Home("dso-b")], grid, MarketSettings.Default);
        var coordinator = await Configured(community);

        var before = await coordinator.Run();
        Assert.Equal([0.0, 12], before.Grid.Nodes.Single(n => n.NodeId == "feeder").NetImportKw, new ToleranceComparer(1e-6));

        var limits = fixture.Grains.GetGrain<IGridLimitsGrain>(name);
        var set = await limits.Apply(new LimitCommand(Guid.NewGuid().ToString(), "dso", new LimitProfile("feeder", "electricity", MarketCluster.Now, TimeSpan.FromHours(1), [8, 8], null, null, "feeder maintenance"), null, null));
        Assert.Equal(LimitOutcomeKind.Accepted, set.Outcome);

        var after = await coordinator.Run();
        var feeder = after.Grid.Nodes.Single(n => n.NodeId == "feeder");
        // Summed from the settled schedules themselves, not from the report.
        var flow = new double[2];
        foreach (var p in after.Prosumers)
        {
            for (var t = 0; t < 2; t++) flow[t] += p.ImportKw[t] - p.ExportKw[t];
        }

        Assert.All(flow, f => Assert.True(f <= 8 + 1e-6, $"feeder flow {f} kW over the DSO's 8 kW"));
        Assert.Equal([4.0, 8], flow, new ToleranceComparer(1e-6));
        Assert.All(after.Prosumers, p => Assert.Equal([2.0, 4], p.ImportKw, new ToleranceComparer(1e-6)));
        Assert.True(after.Grid.Holds);
        Assert.Equal([8.0, 8], feeder.ImportMaxKw);
        Assert.Equal([set.Version!.Version, set.Version.Version], feeder.DsoVersionPerStep);
        Assert.Equal(4.0, feeder.ImportExcessBeforeKwh, 6); // the market's own result drew 12 kW for an hour
        Assert.Equal(0.0, feeder.ImportExcessAfterKwh, 6);
        Assert.Equal(["dso-a", "dso-b"], after.Grid.Capped);
        // The root, which neither the file nor the DSO limits, has no limit.
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity], after.Grid.Nodes.Single(n => n.NodeId == "substation").ImportMaxKw);
    }

    [Fact]
    public async Task A_definition_that_is_not_the_coordinators_is_refused_and_nothing_runs_without_one()
    {
        var coordinator = fixture.Grains.GetGrain<IMarketCoordinatorGrain>("refusing");
        var wire = MarketMapper.ToWire(TestCommunities.Of("someone-else", 0.3, 0.1, [TestCommunities.Passive("r-a", [1], [0])]));
        var problem = Assert.Single(await coordinator.Configure(wire));
        Assert.Equal("name: \"someone-else\" is not this coordinator's community \"refusing\"", problem);
        Assert.Null(await coordinator.GetDefinition());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => coordinator.Run());
        Assert.Contains("community \"refusing\" is not configured", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_gives_each_prosumer_grain_its_member()
    {
        var community = TestCommunities.Of("members", 0.3, 0.1, [TestCommunities.Passive("m-a", [1, 2], [0, 3]), TestCommunities.Passive("m-b", [4, 4], [0, 0])]);
        await Configured(community);
        var held = await fixture.Grains.GetGrain<IProsumerGrain>("members/m-b").GetDefinition();
        Assert.Equal([4.0, 4], held!.LoadKw);
        var other = await fixture.Grains.GetGrain<IProsumerGrain>("members/m-a").GetDefinition();
        Assert.Equal([0.0, 3], other!.PvKw);
    }
}

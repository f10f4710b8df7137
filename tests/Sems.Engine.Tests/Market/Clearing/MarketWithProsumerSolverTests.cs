using Sems.Engine.Market;
using Sems.Engine.Model;
using Sems.Engine.Tests.Market.Reading;

namespace Sems.Engine.Tests.Market.Clearing;

/// <summary>The coordinator over the in-process round, each prosumer's MILP solved by <see cref="ProsumerSolver"/>.</summary>
public sealed class MarketWithProsumerSolverTests
{
    [Fact]
    public async Task The_two_prosumer_example_settles_to_its_hand_computed_amounts()
    {
        // examples/market/two-prosumers.json: sunny (load 1 kW, PV 0, 3, 9, 4 kW) and demand (load 4 kW), λ_b = 0.30,
        // λ_s = 0.10 EUR/kWh, no storage or flexibility, so the MILPs answer PV − load whatever the (positive) prices.
        // By hand per step: SDR 0 | 0.5 | 2 | 0.75 → sunny −30, +30, +80, +36 cents; demand −120, −90, −40, −66 cents.
        // Alone: sunny 30 − 20 − 80 − 30 = −100 cents, demand 16 kWh × 0.30 = 480 cents.
        var community = CommunityReadAssert.Valid(CommunityReader.ReadFile(ExampleCommunities.Path("two-prosumers.json")));
        var round = new LocalMarketRound(community.Prosumers, community.StepHours, 2);

        var outcome = await MarketCoordinator.RunAsync(community, round);

        Assert.True(outcome.Converged, outcome.StopReason);
        Assert.Empty(outcome.Missing);
        Assert.Equal([-30L, 30, 80, 36], outcome.Settlement.Steps.Select(s => s.Lines[0].AmountCents));
        Assert.Equal([-120L, -90, -40, -66], outcome.Settlement.Steps.Select(s => s.Lines[1].AmountCents));
        Assert.Equal([150L, 60, -40, 30], outcome.Settlement.Steps.Select(s => s.GridPaidCents - s.GridPaysCents));
        Assert.True(outcome.Settlement.BudgetBalanced);
        Assert.Equal(9.0, outcome.Settlement.PeerTradedKwh, 1e-6);
        var (sunny, demand) = (outcome.Kpis.Prosumers[0], outcome.Kpis.Prosumers[1]);
        Assert.Equal((-100L, -116L, 16L), (sunny.BaselineBillCents, sunny.MarketBillCents, sunny.SavingsCents));
        Assert.Equal((480L, 316L, 164L), (demand.BaselineBillCents, demand.MarketBillCents, demand.SavingsCents));
        Assert.Equal((380L, 200L, 180L), (outcome.Kpis.Community.BaselineBillCents, outcome.Kpis.Community.MarketBillCents, outcome.Kpis.Community.SavingsCents));
        // demand consumes 16 kWh and gets 9 of them from sunny: self-sufficiency 0 alone, 9/16 in the market.
        Assert.Equal(9.0 / 16, demand.SelfSufficiency!.Value, 1e-9);
    }

    [Fact]
    public async Task A_battery_community_under_a_feeder_export_limit_is_settled_within_it()
    {
        // sunny (PV 0, 8, 8, 0 kW, load 1 kW, a 6 kWh battery) sits under f1, which may feed back at most 3 kW;
        // demand (load 3 kW) and flex (load 1 kW and a 3 kW, 2-step appliance) are at the root.
        var none = new Dictionary<string, Series>(StringComparer.Ordinal);
        var grid = new GridTopology([
            new GridNode("root", null, none, none),
            new GridNode("f1", "root", none, new Dictionary<string, Series>(StringComparer.Ordinal) { [Community.Electricity] = Series.Constant(3, 4) }),
        ]);
        var limits = Enumerable.Repeat(10.0, 4).ToArray();
        Prosumer sunny = new("sunny", "dwelling", "f1", false, false, [1, 1, 1, 1], [0, 8, 8, 0], limits, limits,
            new ProsumerBattery(6, 1, 0.5, 3, 3, 0.95, 0.95, false), []);
        Prosumer demand = new("demand", "tertiary", null, false, false, [3, 3, 3, 3], [0, 0, 0, 0], limits, limits, null, []);
        Prosumer flex = new("flex", "dwelling", null, false, false, [1, 1, 1, 1], [0, 0, 0, 0], limits, limits, null,
            [new FlexibleLoad("washer", [3, 3], 0, 3, 0, 0.01)]);
        var community = MarketCommunities.Make([sunny, demand, flex], MarketCommunities.Settings(), grid);
        var round = new LocalMarketRound(community.Prosumers, community.StepHours, 2);

        var outcome = await MarketCoordinator.RunAsync(community, round);

        Assert.True(outcome.Converged || outcome.StopReason.StartsWith("did not converge", StringComparison.Ordinal), outcome.StopReason);
        Assert.Empty(outcome.Missing);
        Assert.All(outcome.Trace, l => Assert.Equal(3, l.Answered));
        // f1's feed-back summed from the settled schedules: within 3 kW in every step.
        var s = outcome.Final.Single(x => x.ProsumerId == "sunny");
        for (var t = 0; t < 4; t++) Assert.True(s.ExportKw[t] - s.ImportKw[t] <= 3 + 1e-6, $"step {t}: f1 feeds back {s.ExportKw[t] - s.ImportKw[t]} kW");
        Assert.True(outcome.Grid.Holds, outcome.Grid.Summary);
        Assert.Equal(0, outcome.Grid.Nodes[1].ExportExcessAfterKwh);
        // Before the DSO step sunny fed back at least 7 − 3 (its most charging) = 4 kW in steps 1 and 2: ≥ 2 kWh over.
        Assert.True(outcome.Grid.Nodes[1].ExportExcessBeforeKwh >= 2 - 1e-6, $"{outcome.Grid.Nodes[1].ExportExcessBeforeKwh} kWh");
        Assert.True(outcome.Grid.Rounds >= 1);
        Assert.Equal(["sunny"], outcome.Grid.Capped);
        Assert.True(outcome.Settlement.BudgetBalanced);
        // The washer runs exactly once: flex imports 1 kW plus 3 kW in two consecutive steps, 10 kWh in all.
        Assert.Equal(10, outcome.Final.Single(x => x.ProsumerId == "flex").ImportKw.Sum(), 1e-6);
    }
}

using Sems.Engine.Market;
using static Sems.Engine.Tests.Market.Clearing.MarketCommunities;

namespace Sems.Engine.Tests.Market.Clearing;

/// <summary>The coordinator's iteration, settlement and KPIs on communities worked by hand (λ_b = 0.30, λ_s = 0.05 EUR/kWh, 1 h steps).</summary>
public sealed class MarketCoordinatorTests
{
    [Fact]
    public async Task Surplus_above_demand_settles_both_sides_at_feed_in()
    {
        // Seller: PV 8 kW, load 2 kW → 6 kW surplus; buyer: load 4 kW. SDR = 6/4 = 1.5 > 1 → P_sell = P_buy = λ_s = 0.05.
        // Seller earns 6 × 0.05 = 30 cents, buyer pays 4 × 0.05 = 20 cents, the grid takes 2 kWh and pays 2 × 0.05 = 10 cents:
        // 20 = 30 + 0 − 10. Alone: the seller earns 30 cents, the buyer pays 4 × 0.30 = 120 cents → the buyer saves 100.
        var community = Make([Member("seller", [2], [8]), Member("buyer", [4], [0])], Settings());
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["seller"] = Responders.Fixed([-6], 1),
            ["buyer"] = Responders.Fixed([4], 1),
        });

        var outcome = await MarketCoordinator.RunAsync(community, round);

        Assert.True(outcome.Converged, outcome.StopReason);
        Assert.StartsWith("converged: cost change", outcome.StopReason);
        Assert.Equal(0.05, outcome.FinalBuyPerKwh[0], 1e-4);
        Assert.Equal(0.05, outcome.FinalSellPerKwh[0], 1e-4);
        var step = outcome.Settlement.Steps[0];
        Assert.Equal((0.05, 0.05), (step.BuyPerKwh, step.SellPerKwh));
        Assert.Equal([30L, -20L], step.Lines.Select(l => l.AmountCents));
        Assert.Equal((20L, 30L, 0L, 10L), (outcome.Settlement.BuyersPayCents, outcome.Settlement.SellersEarnCents, outcome.Settlement.GridPaidCents, outcome.Settlement.GridPaysCents));
        Assert.True(outcome.Settlement.BudgetBalanced);
        Assert.Equal(4.0, outcome.Settlement.PeerTradedKwh, 1e-12);

        var seller = outcome.Kpis.Prosumers[0];
        var buyer = outcome.Kpis.Prosumers[1];
        Assert.Equal((-30L, -30L, 0L), (seller.BaselineBillCents, seller.MarketBillCents, seller.SavingsCents));
        Assert.Equal((120L, 20L, 100L), (buyer.BaselineBillCents, buyer.MarketBillCents, buyer.SavingsCents));
        // Buyer: 4 kWh consumed, alone all from the grid (SS 0), in the market all from the seller (SS 1).
        Assert.Equal(0, buyer.BaselineSelfSufficiency!.Value, 1e-12);
        Assert.Equal(1, buyer.SelfSufficiency!.Value, 1e-12);
        // Seller: 8 kWh PV; alone 6 kWh go to the grid (SC 1 − 6/8 = 0.25); in the market 4 to the buyer, 2 to the grid (SC 0.75).
        Assert.Equal(0.25, seller.BaselineSelfConsumption!.Value, 1e-12);
        Assert.Equal(0.75, seller.SelfConsumption!.Value, 1e-12);
        Assert.Equal((4.0, 0.0), (seller.PeerSoldKwh, seller.PeerBoughtKwh));
        var all = outcome.Kpis.Community;
        Assert.Equal((90L, -10L, 100L), (all.BaselineBillCents, all.MarketBillCents, all.SavingsCents));
        Assert.Equal(1 - 4.0 / 6, all.BaselineSelfSufficiency!.Value, 1e-12); // 4 kWh of 6 consumed came from the grid
        Assert.Equal(1, all.SelfSufficiency!.Value, 1e-12);
        Assert.Equal(0.75, all.SelfConsumption!.Value, 1e-12);
        Assert.Equal(4.0, all.PeerTradedKwh, 1e-12);
        Assert.Equal((0.0, 2.0), (all.PeakImportKw, all.PeakExportKw));
    }

    [Fact]
    public async Task Demand_above_surplus_gives_the_hand_SDR_prices_and_bills()
    {
        // Seller: PV 5, load 2 → 3 kW surplus; buyer: load 6 kW. SDR = 0.5.
        // P_sell = 0.30·0.05 / (0.25·0.5 + 0.05) = 0.015 / 0.175 = 0.0857142857; P_buy = 0.5·P_sell + 0.5·0.30 = 0.1928571429.
        // Seller earns 3 × 0.0857142857 = 0.2571 → 26 cents; buyer pays 6 × 0.1928571429 = 1.1571 → 116 cents;
        // the grid sells 3 kWh at 0.30 = 90 cents = 116 − 26. Alone: seller −15 cents, buyer 180 cents.
        var community = Make([Member("seller", [2], [5]), Member("buyer", [6], [0])], Settings());
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["seller"] = Responders.Fixed([-3], 1),
            ["buyer"] = Responders.Fixed([6], 1),
        });

        var outcome = await MarketCoordinator.RunAsync(community, round);

        Assert.True(outcome.Converged, outcome.StopReason);
        const double sell = 0.015 / 0.175;
        const double buy = 0.5 * sell + 0.15;
        Assert.Equal(buy, outcome.FinalBuyPerKwh[0], 1e-3);
        Assert.Equal(sell, outcome.FinalSellPerKwh[0], 1e-3);
        Assert.True(outcome.PriceResidualPerKwh < 1e-3, $"residual {outcome.PriceResidualPerKwh}");
        var step = outcome.Settlement.Steps[0];
        Assert.Equal(sell, step.SellPerKwh, 1e-12);
        Assert.Equal(buy, step.BuyPerKwh, 1e-12);
        Assert.Equal([26L, -116L], step.Lines.Select(l => l.AmountCents));
        Assert.Equal((116L, 26L, 90L, 0L), (outcome.Settlement.BuyersPayCents, outcome.Settlement.SellersEarnCents, outcome.Settlement.GridPaidCents, outcome.Settlement.GridPaysCents));
        Assert.True(outcome.Settlement.BudgetBalanced);

        var seller = outcome.Kpis.Prosumers[0];
        var buyer = outcome.Kpis.Prosumers[1];
        Assert.Equal((-15L, -26L, 11L), (seller.BaselineBillCents, seller.MarketBillCents, seller.SavingsCents));
        Assert.Equal((180L, 116L, 64L), (buyer.BaselineBillCents, buyer.MarketBillCents, buyer.SavingsCents));
        Assert.Equal(0.5, buyer.SelfSufficiency!.Value, 1e-12); // 3 of its 6 kWh from the seller
        Assert.Equal(0.4, seller.BaselineSelfConsumption!.Value, 1e-12); // 3 of 5 kWh PV to the grid alone
        Assert.Equal(1, seller.SelfConsumption!.Value, 1e-12); // none to the grid in the market
        Assert.Equal((3.0, 3.0), (buyer.PeerBoughtKwh, seller.PeerSoldKwh));
        var all = outcome.Kpis.Community;
        Assert.Equal((165L, 90L, 75L), (all.BaselineBillCents, all.MarketBillCents, all.SavingsCents));
        Assert.Equal(0.25, all.BaselineSelfSufficiency!.Value, 1e-12); // 1 − 6/8
        Assert.Equal(0.625, all.SelfSufficiency!.Value, 1e-12); // 1 − 3/8
    }

    [Fact]
    public async Task Iteration_zero_is_the_baseline_at_the_grid_tariffs()
    {
        var community = Make([Member("a", [1, 2], [3, 0]), Member("b", [2, 2], [0, 0])], Settings());
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["a"] = Responders.Quadratic([-2, 2], 20, 1),
            ["b"] = Responders.Quadratic([2, 2], 20, 1),
        });

        var outcome = await MarketCoordinator.RunAsync(community, round);

        var first = round.Calls[0];
        Assert.All(first, r => Assert.Equal((0, 0.30, 0.05, 0.30, 0.05), (r.Iteration, r.BuyPerKwh[0], r.SellPerKwh[0], r.BuyPerKwh[1], r.SellPerKwh[1])));
        Assert.Equal(0, outcome.Trace[0].Iteration);
        Assert.Equal([0, 0], outcome.Baseline.Select(s => s.Iteration));
        // a alone at step 0: x = −2 − 0.05/20 = −2.0025 kW (exports), b: 2 − 0.30/20 = 1.985 kW.
        Assert.Equal(2.0025, outcome.Baseline[0].ExportKw[0], 1e-12);
        Assert.Equal(1.985, outcome.Baseline[1].ImportKw[0], 1e-12);
        Assert.Equal(outcome.Trace.Count - 1, outcome.Iterations);
    }

    [Fact]
    public async Task Bang_bang_answers_cycle_without_damping_and_settle_with_it()
    {
        // A seller worth 0.15 EUR/kWh sells 5 kW whenever offered at least that; the buyer needs 4 kW.
        // Undamped: 0 sold → SDR 0 → sell price 0.30 → 5 sold → SDR 1.25 → 0.05 → 0 sold → … a cycle of 2.
        var community = Make([Member("seller", [0], [0]), Member("buyer", [4], [0])], Settings(damping: 1));
        Func<ResponderRound> round = () => new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["seller"] = Responders.Threshold(5, 0.15, 1, 1),
            ["buyer"] = Responders.Fixed([4], 1),
        });

        var undamped = await MarketCoordinator.RunAsync(community, round());
        Assert.False(undamped.Converged);
        // Costs: selling 5 kW at 0.30 costs the seller (0.15 − 0.30)·5 = −0.75 and the buyer 1.20 → 0.45 EUR; at 0.05 nothing
        // is sold and the buyer pays 4 × 0.05 = 0.20 EUR.
        Assert.Equal("did not converge: the prices of iteration 3 repeat those of iteration 1 (a cycle of 2 iterations); cost oscillates between 0.2 EUR and 0.45 EUR", undamped.StopReason);
        Assert.Equal([0.30, 0.05, 0.30], undamped.Trace.Skip(1).Select(l => l.SellPerKwh[0]));

        // Damped with d = 0.5, halved at each reversal: the sell price closes in on 0.15 from both sides.
        var damped = await MarketCoordinator.RunAsync(community with { Market = Settings(damping: 0.5) }, round());
        Assert.True(damped.Converged, damped.StopReason);
        Assert.Equal(0.15, damped.FinalSellPerKwh[0], 2e-3);
        Assert.True(damped.Trace.Count < 40, $"{damped.Trace.Count} iterations");
        Assert.True(damped.Settlement.BudgetBalanced);
    }

    [Fact]
    public async Task A_prosumer_that_stops_answering_is_left_out_and_named()
    {
        var community = Make([Member("a", [0], [6]), Member("b", [4], [0]), Member("c", [3], [0])], Settings());
        var calls = 0;
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["a"] = Responders.Fixed([-6], 1),
            ["b"] = Responders.Fixed([4], 1),
            ["c"] = r => ++calls >= 3 ? null : Responders.Schedule(r, [3], 1, 0), // answers iterations 0 and 1, then times out
        });

        var outcome = await MarketCoordinator.RunAsync(community, round);

        var missing = Assert.Single(outcome.Missing);
        Assert.Equal("c", missing.ProsumerId);
        Assert.Null(missing.Schedule);
        Assert.Equal("iteration 2: timed out after 30 s", missing.Problem);
        Assert.Equal(["a", "b"], outcome.Final.Select(s => s.ProsumerId));
        Assert.Equal(["a", "b"], outcome.Settlement.Steps[0].Lines.Select(l => l.Id));
        Assert.Equal(["a", "b"], outcome.Kpis.Prosumers.Select(k => k.ProsumerId));
        Assert.All(round.Calls.Skip(3), batch => Assert.DoesNotContain(batch, r => r.ProsumerId == "c"));
        // Without c: 6 kW surplus, 4 kW deficit → both at 0.05: a earns 30, b pays 20, grid pays 10.
        Assert.Equal([30L, -20L], outcome.Settlement.Steps[0].Lines.Select(l => l.AmountCents));
        Assert.Equal(3, outcome.Trace[1].Answered);
        Assert.Equal(2, outcome.Trace[2].Answered);
        Assert.True(outcome.Converged, outcome.StopReason);
    }
}

using Sems.Engine.Market;
using static Sems.Engine.Tests.Market.Clearing.MarketCommunities;

namespace Sems.Engine.Tests.Market.Clearing;

/// <summary>The auction option: pay-as-clear per step, buyers bidding their deficit at λ_b and sellers offering at λ_s.</summary>
public sealed class MarketAuctionTests
{
    [Fact]
    public async Task Each_step_clears_at_the_scarce_sides_outside_option_and_settles_to_the_cent()
    {
        // Step 0: 3 kWh offered, 6 wanted → the grid's offer at 0.30 sets the price: buyer pays 6 × 0.30 = 180 cents,
        //         seller earns 3 × 0.30 = 90, the grid is paid 3 × 0.30 = 90.
        // Step 1: 6 offered, 4 wanted → the grid's bid at 0.05: seller earns 30, buyer pays 20, the grid pays 10.
        // Step 2: 4 and 4 → vertical crossing between 0.05 and 0.30, midpoint 0.175: 4 × 0.175 = 70 cents each way.
        var community = Make([Member("seller", [2, 0, 0], [5, 6, 4]), Member("buyer", [6, 4, 4], [0, 0, 0])],
            Settings(mechanism: MarketMechanism.Auction));
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["seller"] = Responders.Fixed([-3, -6, -4], 1),
            ["buyer"] = Responders.Fixed([6, 4, 4], 1),
        });

        var outcome = await MarketCoordinator.RunAsync(community, round);

        Assert.True(outcome.Converged, outcome.StopReason);
        Assert.Equal(MarketMechanism.Auction, outcome.Settlement.Mechanism);
        double[] prices = [0.30, 0.05, 0.175];
        for (var t = 0; t < 3; t++)
        {
            Assert.Equal(prices[t], outcome.FinalBuyPerKwh[t], 1e-3);
            Assert.Equal(prices[t], outcome.FinalSellPerKwh[t], 1e-3);
            Assert.Equal(prices[t], outcome.Settlement.Steps[t].BuyPerKwh, 1e-12);
            Assert.NotNull(outcome.Settlement.Steps[t].Auction);
            Assert.Null(outcome.Settlement.Steps[t].Sdr);
        }

        Assert.Equal([90L, -180L], outcome.Settlement.Steps[0].Lines.Select(l => l.AmountCents));
        Assert.Equal([30L, -20L], outcome.Settlement.Steps[1].Lines.Select(l => l.AmountCents));
        Assert.Equal([70L, -70L], outcome.Settlement.Steps[2].Lines.Select(l => l.AmountCents));
        Assert.Equal([(90L, 0L), (0L, 10L), (0L, 0L)], outcome.Settlement.Steps.Select(s => (s.GridPaidCents, s.GridPaysCents)));
        // The buyer's 6 kWh of step 0: 3 from the seller, 3 from the grid.
        Assert.Equal((3.0, 3.0), (outcome.Settlement.Steps[0].Lines[1].PeerKwh, outcome.Settlement.Steps[0].Lines[1].GridKwh));
        Assert.Equal((270L, 190L, 90L, 10L), (outcome.Settlement.BuyersPayCents, outcome.Settlement.SellersEarnCents, outcome.Settlement.GridPaidCents, outcome.Settlement.GridPaysCents));
        Assert.True(outcome.Settlement.BudgetBalanced);
        Assert.Equal(11.0, outcome.Settlement.PeerTradedKwh, 1e-12);
        // Bills: seller alone earns 15 + 30 + 20 = 65 cents, in the market 190; buyer alone pays 14 × 0.30 = 420, in the market 270.
        Assert.Equal((-65L, -190L, 125L), (outcome.Kpis.Prosumers[0].BaselineBillCents, outcome.Kpis.Prosumers[0].MarketBillCents, outcome.Kpis.Prosumers[0].SavingsCents));
        Assert.Equal((420L, 270L, 150L), (outcome.Kpis.Prosumers[1].BaselineBillCents, outcome.Kpis.Prosumers[1].MarketBillCents, outcome.Kpis.Prosumers[1].SavingsCents));
    }

    [Fact]
    public async Task Price_responsive_prosumers_converge_to_where_supply_meets_demand()
    {
        // At price p (both sides): seller s exports 4 + 20p kW, buyers b and c import 5 − 10p and 3 − p/30 kW.
        // Below p* the book is short and clears at λ_b, above it long and clears at λ_s: a bang-bang price.
        // Supply = demand at 4 + 20p = 8 − 10p − p/30, p* = 4 / (30 + 1/30) = 120/901 ≈ 0.13319 EUR/kWh.
        var community = Make([Member("s", [0], [5]), Member("b", [5], [0]), Member("c", [3], [0])], Settings(mechanism: MarketMechanism.Auction));
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["s"] = Responders.Quadratic([-4], 0.05, 1),
            ["b"] = Responders.Quadratic([5], 0.1, 1),
            ["c"] = Responders.Quadratic([3], 30, 1),
        });

        var outcome = await MarketCoordinator.RunAsync(community, round);

        Assert.True(outcome.Converged, outcome.StopReason);
        // One price per step from iteration 1 on. At the tariffs (iteration 0) s exports 4 + 0.05/0.05 = 5 kW, b and c
        // import 5 − 0.30/0.1 = 2 and 3 − 0.30/30 = 2.99 kW: long, so the book clears at λ_s = 0.05, and iteration 1 sends
        // half way from the middle of the tariffs, (0.30 + 0.05)/2 = 0.175, to it: 0.1125.
        Assert.All(outcome.Trace.Skip(1), l => Assert.Equal(l.BuyPerKwh[0], l.SellPerKwh[0]));
        Assert.Equal(0.1125, outcome.Trace[1].BuyPerKwh[0], 1e-12);
        Assert.Equal(120.0 / 901, outcome.FinalBuyPerKwh[0], 2e-3);
        Assert.True(outcome.Settlement.BudgetBalanced);
    }
}

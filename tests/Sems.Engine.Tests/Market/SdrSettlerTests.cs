using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market;

/// <summary>One step's settlement under SDR pricing, by hand and on random communities to the cent.</summary>
public sealed class SdrSettlerTests
{
    [Fact]
    public void Two_prosumers_worked_by_hand()
    {
        // Seller 3 kWh surplus, buyer 5 kWh deficit, λ_b = 0.30, λ_s = 0.05.
        // SDR = 3/5 = 0.6. P_sell = 0.30·0.05 / (0.25·0.6 + 0.05) = 0.015 / 0.2 = 0.075.
        // P_buy = 0.075·0.6 + 0.30·0.4 = 0.045 + 0.12 = 0.165.
        // Peer energy min(3, 5) = 3 kWh: the seller's whole 3 kWh; the buyer gets 3 kWh from the peer, 2 kWh from the grid.
        // Seller earns 3 × 0.075 = 0.225 → 22.5 cents → half-even 22 cents. Buyer pays 5 × 0.165 = 0.825 → 82.5 → 82 cents.
        // Grid: paid 2 kWh × 0.30 = 60 cents; 82 = 22 + 60, so the grid's line takes no remainder.
        var s = SdrSettler.Settle([new("seller", 3), new("buyer", -5)], 0.30, 0.05);

        Assert.Equal(0.6, s.Price.Sdr, 1e-12);
        Assert.Equal(0.075, s.Price.SellPerKwh, 1e-12);
        Assert.Equal(0.165, s.Price.BuyPerKwh, 1e-12);
        Assert.Equal(3, s.PeerTradedKwh);
        Assert.Equal(2, s.GridImportKwh);
        Assert.Equal(0, s.GridExportKwh);
        var seller = s.Prosumers[0];
        var buyer = s.Prosumers[1];
        Assert.Equal((3.0, 0.0, 22L), (seller.PeerKwh, seller.GridKwh, seller.AmountCents));
        Assert.Equal((3.0, 2.0, -82L), (buyer.PeerKwh, buyer.GridKwh, buyer.AmountCents));
        Assert.Equal((82L, 22L, 60L, 0L, 0L), (s.BuyersPayCents, s.SellersEarnCents, s.GridPaidCents, s.GridPaysCents, s.GridRemainderCents));
    }

    [Fact]
    public void Surplus_beyond_demand_goes_to_the_grid_at_feed_in()
    {
        // Surplus 4 + 2 = 6 kWh, deficit 3 kWh: SDR = 2 > 1, both prices 0.05. Peer energy 3 kWh shared 4:2 → 2 and 1 kWh.
        // Sellers earn 4 × 0.05 = 20 and 2 × 0.05 = 10 cents; buyer pays 3 × 0.05 = 15 cents; grid pays 3 × 0.05 = 15 cents.
        var s = SdrSettler.Settle([new("a", 4), new("b", 2), new("c", -3), new("idle", 0)], 0.30, 0.05);
        Assert.Equal([2.0, 1.0, 3.0, 0.0], s.Prosumers.Select(p => p.PeerKwh));
        Assert.Equal([2.0, 1.0, 0.0, 0.0], s.Prosumers.Select(p => p.GridKwh));
        Assert.Equal([20L, 10L, -15L, 0L], s.Prosumers.Select(p => p.AmountCents));
        Assert.Equal((15L, 30L, 0L, 15L), (s.BuyersPayCents, s.SellersEarnCents, s.GridPaidCents, s.GridPaysCents));
    }

    [Fact]
    public void Bad_positions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SdrSettler.Settle([new("a", 1), new("a", -1)], 0.30, 0.05));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SdrSettler.Settle([new("a", double.NaN)], 0.30, 0.05));
        Assert.Contains("\"a\"", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SdrSettler.Settle([new("a", 1)], 0.05, 0.30));
    }

    [Fact]
    public void Budget_balances_to_the_cent_on_random_communities()
    {
        var rng = new Random(3569);
        for (var n = 0; n < 500; n++)
        {
            var feedIn = Math.Round(rng.NextDouble() * 0.15, 4);
            var retail = Math.Round(feedIn + 0.01 + rng.NextDouble() * 0.4, 4);
            var count = 1 + rng.Next(30);
            var positions = Enumerable.Range(0, count)
                .Select(k => new ProsumerPosition($"p{k}", Math.Round((rng.NextDouble() - 0.5) * 20, 3)))
                .ToArray();
            var s = SdrSettler.Settle(positions, retail, feedIn);

            // Independent recomputation: totals, prices by the multiplied-through form, each line in decimal, half-even.
            var surplus = positions.Where(p => p.NetKwh > 0).Sum(p => p.NetKwh);
            var deficit = positions.Where(p => p.NetKwh < 0).Sum(p => -p.NetKwh);
            double sell, buy;
            if (surplus == 0) (sell, buy) = (retail, retail);
            else if (surplus >= deficit) (sell, buy) = (feedIn, feedIn);
            else
            {
                sell = retail * feedIn * deficit / ((retail - feedIn) * surplus + feedIn * deficit);
                buy = (surplus * sell + retail * (deficit - surplus)) / deficit;
            }

            long buyers = 0, sellers = 0;
            for (var k = 0; k < count; k++)
            {
                var net = positions[k].NetKwh;
                var cents = (long)Math.Round((decimal)Math.Abs(net) * (decimal)(net > 0 ? sell : buy) * 100m, MidpointRounding.ToEven);
                // The engine's price may differ in the last bits; allow the one cent a knife-edge half can flip.
                Assert.InRange(Math.Abs(s.Prosumers[k].AmountCents) - cents, -1, 1);
                if (net > 0) sellers += s.Prosumers[k].AmountCents; else buyers -= s.Prosumers[k].AmountCents;
            }

            Assert.Equal(buyers, s.BuyersPayCents);
            Assert.Equal(sellers, s.SellersEarnCents);
            Assert.Equal(s.BuyersPayCents, s.SellersEarnCents + s.GridPaidCents - s.GridPaysCents);
            // The grid's exact amount: λ_b·(D − S) paid to it, or λ_s·(S − D) paid by it; its line may differ only by
            // the rounding of the prosumers' lines (≤ ½ cent each) plus its own (≤ ½ cent).
            var gridExact = deficit >= surplus ? retail * (deficit - surplus) : -feedIn * (surplus - deficit);
            var gridLine = s.GridPaidCents - s.GridPaysCents;
            Assert.InRange(gridLine - gridExact * 100, -(count + 1) * 0.5 - 1e-6, (count + 1) * 0.5 + 1e-6);
            Assert.InRange(Math.Abs(s.GridRemainderCents), 0, (count + 1) / 2 + 1);
            Assert.Equal(Math.Min(surplus, deficit), s.Prosumers.Where(p => p.NetKwh > 0).Sum(p => p.PeerKwh), 1e-9);
            Assert.Equal(Math.Min(surplus, deficit), s.Prosumers.Where(p => p.NetKwh < 0).Sum(p => p.PeerKwh), 1e-9);
        }
    }
}

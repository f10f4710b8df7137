using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market;

/// <summary>The pay-as-clear double auction on hand cases (λ_b = 0.30, λ_s = 0.05) and its clearing conditions on random books.</summary>
public sealed class DoubleAuctionTests
{
    private const double Retail = 0.30;
    private const double FeedIn = 0.05;

    [Fact]
    public void A_partly_filled_bid_sets_the_price()
    {
        // Demand: A 4 kWh @0.20, B 3 @0.12, C 2 @0.08, grid ∞ @0.05. Supply: X 3 @0.06, Y 2 @0.10, Z 5 @0.15, grid ∞ @0.30.
        // A–X 3 kWh, A–Y 1 kWh (A full), B–Y 1 kWh (Y full, B has 2 left); B @0.12 < Z @0.15 stops.
        // B is partly filled, so p = 0.12: low = max(last offer 0.10, best bid left B 0.12), high = min(last bid 0.12, Z 0.15).
        var r = DoubleAuction.Clear(
            [new("A", 4, 0.20), new("B", 3, 0.12), new("C", 2, 0.08)],
            [new("X", 3, 0.06), new("Y", 2, 0.10), new("Z", 5, 0.15)], Retail, FeedIn);
        Assert.Equal(0.12, r.ClearingPricePerKwh, 1e-12);
        Assert.Equal([4.0, 1.0, 0.0], r.Bids.Select(f => f.QuantityKwh));
        Assert.Equal([3.0, 2.0, 0.0], r.Offers.Select(f => f.QuantityKwh));
        Assert.Equal((0.0, 0.0, 5.0), (r.GridSoldKwh, r.GridBoughtKwh, r.PeerTradedKwh));
    }

    [Fact]
    public void A_vertical_crossing_clears_at_the_midpoint()
    {
        // A 2 kWh @0.20 meets X 2 kWh @0.10 exactly; then the grid's 0.05 bid and 0.30 offer are left.
        // Clearing prices [max(0.10, 0.05), min(0.20, 0.30)] = [0.10, 0.20], midpoint 0.15.
        var r = DoubleAuction.Clear([new("A", 2, 0.20)], [new("X", 2, 0.10)], Retail, FeedIn);
        Assert.Equal(0.15, r.ClearingPricePerKwh, 1e-12);
        Assert.Equal(2.0, r.Bids[0].QuantityKwh);
        Assert.Equal(2.0, r.Offers[0].QuantityKwh);
    }

    [Fact]
    public void The_grid_fills_what_peers_cannot_and_caps_the_price()
    {
        // A wants 5 kWh up to 0.40; X sells 1 kWh from 0.02. A–X 1 kWh, then A buys 4 kWh from the grid's 0.30 offer.
        // low = max(last offer 0.30, grid bid left 0.05) = 0.30, high = min(last bid 0.40, grid offer left 0.30) = 0.30.
        var r = DoubleAuction.Clear([new("A", 5, 0.40)], [new("X", 1, 0.02)], Retail, FeedIn);
        Assert.Equal(0.30, r.ClearingPricePerKwh, 1e-12);
        Assert.Equal((5.0, 1.0, 4.0, 0.0, 1.0), (r.Bids[0].QuantityKwh, r.Offers[0].QuantityKwh, r.GridSoldKwh, r.GridBoughtKwh, r.PeerTradedKwh));
    }

    [Fact]
    public void Sellers_alone_sell_to_the_grid_at_feed_in()
    {
        // X 3 kWh @0.01 meets the grid's bid @0.05: low = max(0.01, 0.05), high = min(0.05, 0.30) → 0.05.
        var r = DoubleAuction.Clear([], [new("X", 3, 0.01)], Retail, FeedIn);
        Assert.Equal(0.05, r.ClearingPricePerKwh, 1e-12);
        Assert.Equal((3.0, 3.0, 0.0), (r.Offers[0].QuantityKwh, r.GridBoughtKwh, r.PeerTradedKwh));
    }

    [Fact]
    public void An_empty_book_reports_the_midpoint_of_the_grid_prices()
    {
        var r = DoubleAuction.Clear([], [], Retail, FeedIn);
        Assert.Equal(0.175, r.ClearingPricePerKwh, 1e-12); // (0.05 + 0.30)/2, nothing traded
    }

    [Fact]
    public void Equal_prices_are_served_by_id_whatever_the_input_order()
    {
        // "a" and "b" both bid 2 kWh @0.20 for X's 3 kWh @0.10: "a" ranks first and gets 2 kWh, "b" the last 1 kWh;
        // "b" partly filled fixes p = 0.20.
        foreach (var bids in new[] { new MarketOrder[] { new("b", 2, 0.20), new("a", 2, 0.20) }, [new("a", 2, 0.20), new("b", 2, 0.20)] })
        {
            var r = DoubleAuction.Clear(bids, [new("X", 3, 0.10)], Retail, FeedIn);
            Assert.Equal(2.0, r.Bids.Single(f => f.Id == "a").QuantityKwh);
            Assert.Equal(1.0, r.Bids.Single(f => f.Id == "b").QuantityKwh);
            Assert.Equal(0.20, r.ClearingPricePerKwh, 1e-12);
        }
    }

    [Fact]
    public void Bad_orders_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DoubleAuction.Clear([new("A", -1, 0.2)], [], Retail, FeedIn));
        Assert.Throws<ArgumentOutOfRangeException>(() => DoubleAuction.Clear([], [new("X", 1, double.NaN)], Retail, FeedIn));
        Assert.Throws<ArgumentException>(() => DoubleAuction.Clear([new("A", 1, 0.2), new("A", 1, 0.1)], [], Retail, FeedIn));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DoubleAuction.Clear([], [], 0.05, 0.05));
        Assert.Equal("retailPerKwh", e.ParamName);
    }

    [Fact]
    public void Random_books_meet_the_clearing_conditions()
    {
        var rng = new Random(42);
        for (var n = 0; n < 2000; n++)
        {
            MarketOrder Order(string id) => new(id, Math.Round(rng.NextDouble() * 10, 2), Math.Round(rng.NextDouble() * 0.4, 2));
            var bids = Enumerable.Range(0, rng.Next(8)).Select(k => Order($"b{k}")).ToArray();
            var offers = Enumerable.Range(0, rng.Next(8)).Select(k => Order($"o{k}")).ToArray();
            var r = DoubleAuction.Clear(bids, offers, Retail, FeedIn);
            var p = r.ClearingPricePerKwh;

            Assert.InRange(p, FeedIn, Retail);
            // Energy balance: what bidders and the grid bought equals what sellers and the grid sold.
            Assert.Equal(r.Bids.Sum(f => f.QuantityKwh) + r.GridBoughtKwh, r.Offers.Sum(f => f.QuantityKwh) + r.GridSoldKwh, 1e-9);
            // Each order against p: strictly in the money → fully filled, strictly out → nothing.
            for (var k = 0; k < bids.Length; k++)
            {
                if (bids[k].LimitPerKwh > p + 1e-12) Assert.Equal(bids[k].QuantityKwh, r.Bids[k].QuantityKwh, 1e-9);
                if (bids[k].LimitPerKwh < p - 1e-12) Assert.Equal(0, r.Bids[k].QuantityKwh);
            }

            for (var k = 0; k < offers.Length; k++)
            {
                if (offers[k].LimitPerKwh < p - 1e-12) Assert.Equal(offers[k].QuantityKwh, r.Offers[k].QuantityKwh, 1e-9);
                if (offers[k].LimitPerKwh > p + 1e-12) Assert.Equal(0, r.Offers[k].QuantityKwh);
            }

            // The grid sells only at p = λ_b and buys only at p = λ_s.
            if (r.GridSoldKwh > 0) Assert.Equal(Retail, p, 1e-12);
            if (r.GridBoughtKwh > 0) Assert.Equal(FeedIn, p, 1e-12);
        }
    }
}

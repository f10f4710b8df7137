namespace Sems.Engine.Market;

/// <summary>
/// A pay-as-clear double auction for one step, with the grid as a buyer of unlimited quantity at λ_s (feed-in) and a
/// seller of unlimited quantity at λ_b (retail).
/// <para>Rule. Bids are ranked by limit price, highest first, offers lowest first; at equal prices participants come
/// before the grid and then go by id (ordinal). The two ranked lists are matched from the top while the bid's price is
/// at least the offer's; this fixes every order's quantity. The clearing price p is where the stepped supply and
/// demand curves meet: every matched bid has a limit ≥ p and every matched offer ≤ p, every bid left with quantity has
/// a limit ≤ p and every offer left with quantity ≥ p. When the curves cross on a horizontal segment (an order only
/// partly filled) that fixes p at the order's price; when they cross on a vertical segment the prices between
/// max(last matched offer, best bid left) and min(last matched bid, best offer left) all clear, and p is the midpoint.
/// Because the grid's orders never run out, p always lies in [λ_s, λ_b]; with no trade at all it is the midpoint of
/// the gap between the best bid and the best offer. Everything matched trades at p, buyers and sellers alike.</para>
/// </summary>
public static class DoubleAuction
{
    private const string GridId = "grid";

    /// <summary>Clears one step.</summary>
    /// <param name="bids">Buyers' orders; ids unique among the bids.</param>
    /// <param name="offers">Sellers' orders; ids unique among the offers.</param>
    /// <param name="retailPerKwh">λ_b, the grid's selling price, currency/kWh, &gt; λ_s.</param>
    /// <param name="feedInPerKwh">λ_s, the grid's buying price, currency/kWh, ≥ 0.</param>
    public static AuctionResult Clear(IReadOnlyList<MarketOrder> bids, IReadOnlyList<MarketOrder> offers, double retailPerKwh, double feedInPerKwh)
    {
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(offers);
        SdrPricing.CheckPrices(retailPerKwh, feedInPerKwh);
        Check(bids, nameof(bids));
        Check(offers, nameof(offers));

        // Ranked entries: input index (−1 for the grid), price, quantity.
        var demand = Rank(bids, new Entry(-1, GridId, feedInPerKwh, double.PositiveInfinity), descending: true);
        var supply = Rank(offers, new Entry(-1, GridId, retailPerKwh, double.PositiveInfinity), descending: false);
        var bought = new double[bids.Count];
        var sold = new double[offers.Count];
        double gridSold = 0, gridBought = 0;
        double? lastBid = null, lastOffer = null;
        int i = 0, j = 0;
        var remBid = demand[0].QuantityKwh;
        var remOffer = supply[0].QuantityKwh;
        while (true)
        {
            // Skip exhausted (or empty) orders; the grid's never run out, so neither index passes its grid entry.
            if (remBid <= 0) { remBid = demand[++i].QuantityKwh; continue; }
            if (remOffer <= 0) { remOffer = supply[++j].QuantityKwh; continue; }
            var bid = demand[i];
            var offer = supply[j];
            if (bid.Price < offer.Price) break;
            var q = Math.Min(remBid, remOffer); // finite: the grid's bid (λ_s) never meets the grid's offer (λ_b)
            if (bid.Index >= 0) bought[bid.Index] += q; else gridBought += q;
            if (offer.Index >= 0) sold[offer.Index] += q; else gridSold += q;
            remBid -= q;
            remOffer -= q;
            lastBid = bid.Price;
            lastOffer = offer.Price;
        }

        // demand[i] is the best bid left with quantity, supply[j] the best offer left.
        var low = lastOffer is { } lo ? Math.Max(lo, demand[i].Price) : demand[i].Price;
        var high = lastBid is { } hi ? Math.Min(hi, supply[j].Price) : supply[j].Price;
        var price = Math.Clamp((low + high) / 2, feedInPerKwh, retailPerKwh);
        var bidFills = bids.Select((b, k) => new AuctionFill(b.Id, bought[k])).ToArray();
        var offerFills = offers.Select((o, k) => new AuctionFill(o.Id, sold[k])).ToArray();
        return new AuctionResult(price, bidFills, offerFills, gridSold, gridBought, Math.Max(0, bought.Sum() - gridSold));
    }

    private sealed record Entry(int Index, string Id, double Price, double QuantityKwh);

    private static Entry[] Rank(IReadOnlyList<MarketOrder> orders, Entry grid, bool descending)
    {
        var entries = orders.Select((o, k) => new Entry(k, o.Id, o.LimitPerKwh, o.QuantityKwh)).Append(grid).ToList();
        entries.Sort((a, b) =>
        {
            var byPrice = descending ? b.Price.CompareTo(a.Price) : a.Price.CompareTo(b.Price);
            if (byPrice != 0) return byPrice;
            var byGrid = (a.Index < 0).CompareTo(b.Index < 0); // participants before the grid
            return byGrid != 0 ? byGrid : string.CompareOrdinal(a.Id, b.Id);
        });
        return entries.ToArray();
    }

    private static void Check(IReadOnlyList<MarketOrder> orders, string name)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in orders)
        {
            if (o is null) throw new ArgumentException($"{name} holds a null order", name);
            if (string.IsNullOrEmpty(o.Id)) throw new ArgumentException($"{name}: an order has an empty id", name);
            if (!ids.Add(o.Id)) throw new ArgumentException($"{name}: \"{o.Id}\" appears twice", name);
            if (!double.IsFinite(o.QuantityKwh) || o.QuantityKwh < 0)
                throw new ArgumentOutOfRangeException(name, o.QuantityKwh, $"{name}: \"{o.Id}\" QuantityKwh must be finite and ≥ 0 kWh, got {o.QuantityKwh}");
            if (!double.IsFinite(o.LimitPerKwh))
                throw new ArgumentOutOfRangeException(name, o.LimitPerKwh, $"{name}: \"{o.Id}\" LimitPerKwh must be a finite price in currency/kWh, got {o.LimitPerKwh}");
        }
    }
}

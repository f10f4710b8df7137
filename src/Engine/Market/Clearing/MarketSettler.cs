namespace Sems.Engine.Market;

/// <summary>
/// Settles a community's schedules step by step, in whole cents, under its mechanism: SDR through
/// <see cref="SdrSettler"/>, the auction pay-as-clear (<see cref="DoubleAuction"/>): buyers bid their deficit at λ_b,
/// sellers offer their surplus at λ_s, every matched kWh trades at the clearing price, and each prosumer's line is its
/// energy × that price rounded half-even, the grid's line closing the budget.
/// </summary>
public static class MarketSettler
{
    /// <summary>Settles every step of <paramref name="schedules"/> (each prosumer at most once, all with the community's number of steps).</summary>
    /// <param name="community">The grid's tariffs, Δt and the mechanism.</param>
    /// <param name="schedules">The schedules to settle, in the order the lines should have.</param>
    public static MarketSettlement Settle(Community community, IReadOnlyList<ProsumerSchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(schedules);
        var steps = community.Steps;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in schedules)
        {
            if (s is null) throw new ArgumentException("schedules holds a null entry", nameof(schedules));
            if (!ids.Add(s.ProsumerId)) throw new ArgumentException($"prosumer \"{s.ProsumerId}\" has two schedules", nameof(schedules));
            if (s.ImportKw.Count != steps || s.ExportKw.Count != steps)
                throw new ArgumentException($"prosumer \"{s.ProsumerId}\": ImportKw has {s.ImportKw.Count} and ExportKw {s.ExportKw.Count} steps, the community {steps}", nameof(schedules));
        }

        var dt = community.StepHours;
        var settled = new MarketStepSettlement[steps];
        for (var t = 0; t < steps; t++)
        {
            var positions = schedules.Select(s => new ProsumerPosition(s.ProsumerId, s.NetSurplusKw(t) * dt)).ToArray();
            settled[t] = community.Market.Mechanism == MarketMechanism.Auction
                ? SettleAuction(t, positions, community.RetailPerKwh[t], community.FeedInPerKwh[t])
                : SettleSdr(t, positions, community.RetailPerKwh[t], community.FeedInPerKwh[t]);
        }

        var bills = schedules.Select((s, i) =>
        {
            long paid = 0, earned = 0;
            double bought = 0, sold = 0, peerBought = 0, peerSold = 0, gridBought = 0, gridSold = 0;
            foreach (var step in settled)
            {
                var line = step.Lines[i];
                if (line.NetKwh < 0)
                {
                    paid -= line.AmountCents;
                    bought -= line.NetKwh;
                    peerBought += line.PeerKwh;
                    gridBought += line.GridKwh;
                }
                else if (line.NetKwh > 0)
                {
                    earned += line.AmountCents;
                    sold += line.NetKwh;
                    peerSold += line.PeerKwh;
                    gridSold += line.GridKwh;
                }
            }

            return new ProsumerBill(s.ProsumerId, paid, earned, bought, sold, peerBought, peerSold, gridBought, gridSold);
        }).ToArray();

        var balanced = settled.All(Balances)
            && bills.Sum(b => b.PaidCents) == settled.Sum(s => s.BuyersPayCents)
            && bills.Sum(b => b.EarnedCents) == settled.Sum(s => s.SellersEarnCents)
            && bills.Sum(b => b.PaidCents) == bills.Sum(b => b.EarnedCents) + settled.Sum(s => s.GridPaidCents) - settled.Sum(s => s.GridPaysCents);
        return new MarketSettlement(community.Market.Mechanism, settled, bills,
            settled.Sum(s => s.BuyersPayCents), settled.Sum(s => s.SellersEarnCents),
            settled.Sum(s => s.GridPaidCents), settled.Sum(s => s.GridPaysCents),
            settled.Sum(s => s.PeerTradedKwh), balanced);
    }

    /// <summary>A step closes when its totals are the sums of its lines and buyers = sellers + grid paid − grid pays.</summary>
    private static bool Balances(MarketStepSettlement s)
    {
        var buyers = -s.Lines.Where(l => l.AmountCents < 0).Sum(l => l.AmountCents);
        var sellers = s.Lines.Where(l => l.AmountCents > 0).Sum(l => l.AmountCents);
        return buyers == s.BuyersPayCents && sellers == s.SellersEarnCents
            && s.GridPaidCents >= 0 && s.GridPaysCents >= 0
            && buyers == sellers + s.GridPaidCents - s.GridPaysCents;
    }

    private static MarketStepSettlement SettleSdr(int step, ProsumerPosition[] positions, double retail, double feedIn)
    {
        var s = SdrSettler.Settle(positions, retail, feedIn);
        return new MarketStepSettlement(step, s.Price.BuyPerKwh, s.Price.SellPerKwh, s.PeerTradedKwh, s.GridImportKwh, s.GridExportKwh,
            s.Prosumers, s.BuyersPayCents, s.SellersEarnCents, s.GridPaidCents, s.GridPaysCents, s, null);
    }

    private static MarketStepSettlement SettleAuction(int step, ProsumerPosition[] positions, double retail, double feedIn)
    {
        var bids = positions.Where(p => p.NetKwh < 0).Select(p => new MarketOrder(p.Id, -p.NetKwh, retail)).ToArray();
        var offers = positions.Where(p => p.NetKwh > 0).Select(p => new MarketOrder(p.Id, p.NetKwh, feedIn)).ToArray();
        var r = DoubleAuction.Clear(bids, offers, retail, feedIn);
        var price = r.ClearingPricePerKwh;
        var bought = r.Bids.ToDictionary(f => f.Id, f => f.QuantityKwh, StringComparer.Ordinal);
        var sold = r.Offers.ToDictionary(f => f.Id, f => f.QuantityKwh, StringComparer.Ordinal);
        var totalBought = bought.Values.Sum();
        var totalSold = sold.Values.Sum();
        var peerBoughtShare = totalBought > 0 ? Math.Max(0, totalBought - r.GridSoldKwh) / totalBought : 0;
        var peerSoldShare = totalSold > 0 ? Math.Max(0, totalSold - r.GridBoughtKwh) / totalSold : 0;
        long buyers = 0, sellers = 0;
        var lines = new ProsumerSettlement[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            var p = positions[i];
            if (p.NetKwh < 0)
            {
                var q = bought[p.Id];
                var cents = Cents.Of(q, price);
                buyers += cents;
                lines[i] = new ProsumerSettlement(p.Id, p.NetKwh, q * peerBoughtShare, q * (1 - peerBoughtShare), price, -cents);
            }
            else if (p.NetKwh > 0)
            {
                var q = sold[p.Id];
                var cents = Cents.Of(q, price);
                sellers += cents;
                lines[i] = new ProsumerSettlement(p.Id, p.NetKwh, q * peerSoldShare, q * (1 - peerSoldShare), price, cents);
            }
            else
            {
                lines[i] = new ProsumerSettlement(p.Id, 0, 0, 0, 0, 0);
            }
        }

        var gridNet = buyers - sellers;
        return new MarketStepSettlement(step, price, price, r.PeerTradedKwh, r.GridSoldKwh, r.GridBoughtKwh,
            lines, buyers, sellers, Math.Max(0, gridNet), Math.Max(0, -gridNet), null, r);
    }
}

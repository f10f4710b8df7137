namespace Sems.Engine.Market;

/// <summary>The prices a set of schedules implies under a mechanism, and the energy totals of the trace.</summary>
internal static class MarketPricing
{
    /// <summary>
    /// The undamped prices per step: SDR's (P_buy, P_sell) of the schedules' surplus and deficit, or the auction's
    /// clearing price on both sides (buyers bid their deficit at λ_b, sellers offer their surplus at λ_s).
    /// </summary>
    public static (double[] Buy, double[] Sell) Target(Community community, IReadOnlyCollection<ProsumerSchedule> schedules)
    {
        var steps = community.Steps;
        var buy = new double[steps];
        var sell = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            var retail = community.RetailPerKwh[t];
            var feedIn = community.FeedInPerKwh[t];
            if (community.Market.Mechanism == MarketMechanism.Auction)
            {
                var bids = new List<MarketOrder>();
                var offers = new List<MarketOrder>();
                foreach (var s in schedules)
                {
                    var net = s.NetSurplusKw(t) * community.StepHours;
                    if (net < 0) bids.Add(new MarketOrder(s.ProsumerId, -net, retail));
                    else if (net > 0) offers.Add(new MarketOrder(s.ProsumerId, net, feedIn));
                }

                var price = DoubleAuction.Clear(bids, offers, retail, feedIn).ClearingPricePerKwh;
                buy[t] = price;
                sell[t] = price;
            }
            else
            {
                var (surplus, deficit) = Totals(schedules, t);
                var price = SdrPricing.PriceChecked(surplus, deficit, retail, feedIn);
                buy[t] = price.BuyPerKwh;
                sell[t] = price.SellPerKwh;
            }
        }

        return (buy, sell);
    }

    /// <summary>Σ of the positive and of the negative net surpluses of one step, kW.</summary>
    public static (double SurplusKw, double DeficitKw) Totals(IEnumerable<ProsumerSchedule> schedules, int step)
    {
        double surplus = 0, deficit = 0;
        foreach (var s in schedules)
        {
            var net = s.NetSurplusKw(step);
            if (net > 0) surplus += net;
            else deficit -= net;
        }

        return (surplus, deficit);
    }

    /// <summary>Σ_t Δt·min(S, D), Σ_t Δt·max(0, D − S) and Σ_t Δt·max(0, S − D), kWh.</summary>
    public static (double PeerKwh, double ImportKwh, double ExportKwh) Energy(Community community, IReadOnlyCollection<ProsumerSchedule> schedules)
    {
        double peer = 0, import = 0, export = 0;
        for (var t = 0; t < community.Steps; t++)
        {
            var (s, d) = Totals(schedules, t);
            peer += Math.Min(s, d) * community.StepHours;
            import += Math.Max(0, d - s) * community.StepHours;
            export += Math.Max(0, s - d) * community.StepHours;
        }

        return (peer, import, export);
    }

    /// <summary>A schedule's cost at the prices it was sent: Σ_t Δt·(buy·import − sell·export) + its discomfort, currency.</summary>
    public static double Cost(ProsumerSchedule s, IReadOnlyList<double> buy, IReadOnlyList<double> sell, double stepHours)
    {
        var cost = 0.0;
        for (var t = 0; t < buy.Count; t++) cost += stepHours * (buy[t] * s.ImportKw[t] - sell[t] * s.ExportKw[t]);
        return cost + s.DiscomfortCost;
    }
}

namespace Sems.Engine.Market;

/// <summary>
/// Supply–demand-ratio pricing (Liu et al. 2017, "Energy-sharing model with price-based demand response for microgrids
/// of peer-to-peer prosumers", IEEE Trans. Power Systems 32(5)). Per step SDR = total surplus / total deficit; with
/// λ_b the retail (grid buy) price and λ_s the feed-in (grid sell) price, 0 ≤ λ_s &lt; λ_b:
/// for 0 ≤ SDR ≤ 1, P_sell = λ_b·λ_s / ((λ_b − λ_s)·SDR + λ_s) and P_buy = P_sell·SDR + λ_b·(1 − SDR);
/// for SDR &gt; 1 both are λ_s. Both prices lie in [λ_s, λ_b] and P_buy ≥ P_sell.
/// <para>Edge cases. No deficit but a surplus: SDR = +∞, both prices λ_s (every seller's surplus goes to the grid's
/// price). No surplus (with or without a deficit): SDR = 0, both prices λ_b — the formula's value at SDR = 0, stated
/// explicitly so that λ_s = 0 does not give 0/0; nothing is sold, and whatever deficit there is is bought at the retail
/// price. With neither a surplus nor a deficit nothing trades; the reported prices (λ_b, λ_b) are then only the limit
/// of the SDR = 0 case and multiply zero energy. Negative or non-finite quantities and prices are refused by name.</para>
/// </summary>
public static class SdrPricing
{
    /// <summary>The SDR and the two internal prices of one step.</summary>
    /// <param name="surplusKw">Total surplus offered by the sellers, kW (or kWh; the same unit as <paramref name="deficitKw"/>), ≥ 0.</param>
    /// <param name="deficitKw">Total deficit demanded by the buyers, same unit, ≥ 0.</param>
    /// <param name="retailPerKwh">λ_b, the grid's selling (retail) price, currency/kWh, &gt; λ_s.</param>
    /// <param name="feedInPerKwh">λ_s, the grid's buying (feed-in) price, currency/kWh, ≥ 0.</param>
    public static SdrPrice Price(double surplusKw, double deficitKw, double retailPerKwh, double feedInPerKwh)
    {
        CheckPrices(retailPerKwh, feedInPerKwh);
        CheckQuantity(surplusKw, nameof(surplusKw));
        CheckQuantity(deficitKw, nameof(deficitKw));
        return PriceChecked(surplusKw, deficitKw, retailPerKwh, feedInPerKwh);
    }

    /// <summary>The prices of every step of a horizon, at one pair of grid prices.</summary>
    /// <param name="surplusKw">Total surplus per step, kW, ≥ 0.</param>
    /// <param name="deficitKw">Total deficit per step, kW, ≥ 0; as many steps as <paramref name="surplusKw"/>.</param>
    /// <param name="retailPerKwh">λ_b, currency/kWh.</param>
    /// <param name="feedInPerKwh">λ_s, currency/kWh.</param>
    public static IReadOnlyList<SdrPrice> PriceSeries(IReadOnlyList<double> surplusKw, IReadOnlyList<double> deficitKw, double retailPerKwh, double feedInPerKwh)
    {
        ArgumentNullException.ThrowIfNull(surplusKw);
        ArgumentNullException.ThrowIfNull(deficitKw);
        var retail = Enumerable.Repeat(retailPerKwh, surplusKw.Count).ToArray();
        var feedIn = Enumerable.Repeat(feedInPerKwh, surplusKw.Count).ToArray();
        return PriceSeries(surplusKw, deficitKw, retail, feedIn);
    }

    /// <summary>The prices of every step of a horizon, with grid prices per step (time-of-use tariffs).</summary>
    /// <param name="surplusKw">Total surplus per step, kW, ≥ 0.</param>
    /// <param name="deficitKw">Total deficit per step, kW, ≥ 0.</param>
    /// <param name="retailPerKwh">λ_b per step, currency/kWh.</param>
    /// <param name="feedInPerKwh">λ_s per step, currency/kWh.</param>
    public static IReadOnlyList<SdrPrice> PriceSeries(IReadOnlyList<double> surplusKw, IReadOnlyList<double> deficitKw, IReadOnlyList<double> retailPerKwh, IReadOnlyList<double> feedInPerKwh)
    {
        ArgumentNullException.ThrowIfNull(surplusKw);
        ArgumentNullException.ThrowIfNull(deficitKw);
        ArgumentNullException.ThrowIfNull(retailPerKwh);
        ArgumentNullException.ThrowIfNull(feedInPerKwh);
        var steps = surplusKw.Count;
        if (deficitKw.Count != steps || retailPerKwh.Count != steps || feedInPerKwh.Count != steps)
            throw new ArgumentException($"surplusKw has {steps} steps but deficitKw has {deficitKw.Count}, retailPerKwh {retailPerKwh.Count} and feedInPerKwh {feedInPerKwh.Count}; all must have the same number");
        var prices = new SdrPrice[steps];
        for (var t = 0; t < steps; t++)
        {
            var where = $"step {t}: ";
            CheckPrices(retailPerKwh[t], feedInPerKwh[t], where);
            CheckQuantity(surplusKw[t], nameof(surplusKw), where);
            CheckQuantity(deficitKw[t], nameof(deficitKw), where);
            prices[t] = PriceChecked(surplusKw[t], deficitKw[t], retailPerKwh[t], feedInPerKwh[t]);
        }

        return prices;
    }

    internal static SdrPrice PriceChecked(double surplusKw, double deficitKw, double retailPerKwh, double feedInPerKwh)
    {
        if (surplusKw == 0) return new SdrPrice(0, retailPerKwh, retailPerKwh);
        if (deficitKw == 0) return new SdrPrice(double.PositiveInfinity, feedInPerKwh, feedInPerKwh);
        var sdr = surplusKw / deficitKw;
        if (sdr > 1) return new SdrPrice(sdr, feedInPerKwh, feedInPerKwh);
        var sell = retailPerKwh * feedInPerKwh / ((retailPerKwh - feedInPerKwh) * sdr + feedInPerKwh);
        var buy = sell * sdr + retailPerKwh * (1 - sdr);
        // Guard the rounding of the last bit so the documented bounds hold exactly.
        sell = Math.Clamp(sell, feedInPerKwh, retailPerKwh);
        buy = Math.Clamp(Math.Max(buy, sell), feedInPerKwh, retailPerKwh);
        return new SdrPrice(sdr, sell, buy);
    }

    internal static void CheckPrices(double retailPerKwh, double feedInPerKwh, string where = "")
    {
        if (!double.IsFinite(feedInPerKwh) || feedInPerKwh < 0)
            throw new ArgumentOutOfRangeException(nameof(feedInPerKwh), feedInPerKwh, $"{where}feedInPerKwh (λ_s) must be a finite price ≥ 0 currency/kWh, got {feedInPerKwh}");
        if (!double.IsFinite(retailPerKwh) || retailPerKwh <= feedInPerKwh)
            throw new ArgumentOutOfRangeException(nameof(retailPerKwh), retailPerKwh, $"{where}retailPerKwh (λ_b) must be a finite price above feedInPerKwh (λ_s = {feedInPerKwh} currency/kWh), got {retailPerKwh}");
    }

    internal static void CheckQuantity(double value, string name, string where = "")
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{where}{name} must be a finite quantity ≥ 0, got {value}");
    }
}

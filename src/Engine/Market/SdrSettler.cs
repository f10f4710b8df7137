namespace Sems.Engine.Market;

/// <summary>Settles one step of a community under supply–demand-ratio pricing (see <see cref="SdrSettlement"/>).</summary>
public static class SdrSettler
{
    /// <summary>
    /// Prices the step from its totals and settles every prosumer: peer energy min(surplus, deficit) is shared pro rata
    /// to each side's position, the rest of each position is the grid's; sellers earn P_sell per kWh of surplus, buyers
    /// pay P_buy per kWh of deficit, lines rounded half-even to cents, the grid's line closing the budget.
    /// </summary>
    /// <param name="positions">Each prosumer's net position, kWh; ids unique and non-empty.</param>
    /// <param name="retailPerKwh">λ_b, currency/kWh, &gt; λ_s.</param>
    /// <param name="feedInPerKwh">λ_s, currency/kWh, ≥ 0.</param>
    public static SdrSettlement Settle(IReadOnlyList<ProsumerPosition> positions, double retailPerKwh, double feedInPerKwh)
    {
        ArgumentNullException.ThrowIfNull(positions);
        SdrPricing.CheckPrices(retailPerKwh, feedInPerKwh);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        double surplus = 0, deficit = 0;
        foreach (var p in positions)
        {
            if (p is null) throw new ArgumentException("positions holds a null entry", nameof(positions));
            if (string.IsNullOrEmpty(p.Id)) throw new ArgumentException("a position has an empty id", nameof(positions));
            if (!ids.Add(p.Id)) throw new ArgumentException($"prosumer \"{p.Id}\" appears twice", nameof(positions));
            if (!double.IsFinite(p.NetKwh))
                throw new ArgumentOutOfRangeException(nameof(positions), p.NetKwh, $"prosumer \"{p.Id}\": NetKwh must be finite, got {p.NetKwh}");
            if (p.NetKwh > 0) surplus += p.NetKwh;
            else deficit -= p.NetKwh;
        }

        var price = SdrPricing.PriceChecked(surplus, deficit, retailPerKwh, feedInPerKwh);
        var traded = Math.Min(surplus, deficit);
        var lines = new ProsumerSettlement[positions.Count];
        long buyers = 0, sellers = 0;
        for (var i = 0; i < positions.Count; i++)
        {
            var p = positions[i];
            if (p.NetKwh > 0)
            {
                var peer = p.NetKwh * (traded / surplus);
                var cents = Cents(p.NetKwh, price.SellPerKwh);
                sellers += cents;
                lines[i] = new ProsumerSettlement(p.Id, p.NetKwh, peer, Math.Max(0, p.NetKwh - peer), price.SellPerKwh, cents);
            }
            else if (p.NetKwh < 0)
            {
                var need = -p.NetKwh;
                var peer = need * (traded / deficit);
                var cents = Cents(need, price.BuyPerKwh);
                buyers += cents;
                lines[i] = new ProsumerSettlement(p.Id, p.NetKwh, peer, Math.Max(0, need - peer), price.BuyPerKwh, -cents);
            }
            else
            {
                lines[i] = new ProsumerSettlement(p.Id, 0, 0, 0, 0, 0);
            }
        }

        var import = Math.Max(0, deficit - surplus);
        var export = Math.Max(0, surplus - deficit);
        var gridNet = buyers - sellers;
        var gridExactCents = ToCents((decimal)import * (decimal)retailPerKwh - (decimal)export * (decimal)feedInPerKwh);
        return new SdrSettlement(price, surplus, deficit, traded, import, export, lines, buyers, sellers,
            Math.Max(0, gridNet), Math.Max(0, -gridNet), gridNet - gridExactCents);
    }

    /// <summary>kWh × currency/kWh in decimal (each double taken to its 15 significant digits), rounded half-even to cents.</summary>
    private static long Cents(double kwh, double perKwh) => ToCents((decimal)kwh * (decimal)perKwh);

    private static long ToCents(decimal amount) => (long)Math.Round(amount * 100m, MidpointRounding.ToEven);
}

using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market;

/// <summary>Supply–demand-ratio prices worked by hand at λ_b = 0.30 and λ_s = 0.05 currency/kWh.</summary>
public sealed class SdrPricingTests
{
    private const double Retail = 0.30;
    private const double FeedIn = 0.05;
    private const double Tol = 1e-12;

    [Fact]
    public void No_surplus_is_sdr_zero_and_both_prices_are_retail()
    {
        // SDR = 0/4 = 0: P_sell = 0.30·0.05 / (0.25·0 + 0.05) = 0.30; P_buy = 0.30·0 + 0.30·1 = 0.30.
        var p = SdrPricing.Price(0, 4, Retail, FeedIn);
        Assert.Equal(0, p.Sdr);
        Assert.Equal(0.30, p.SellPerKwh, Tol);
        Assert.Equal(0.30, p.BuyPerKwh, Tol);
    }

    [Fact]
    public void Sdr_one_gives_the_feed_in_price_on_both_sides()
    {
        // SDR = 4/4 = 1: P_sell = 0.015 / (0.25 + 0.05) = 0.05; P_buy = 0.05·1 + 0.30·0 = 0.05.
        var p = SdrPricing.Price(4, 4, Retail, FeedIn);
        Assert.Equal(1, p.Sdr);
        Assert.Equal(0.05, p.SellPerKwh, Tol);
        Assert.Equal(0.05, p.BuyPerKwh, Tol);
    }

    [Fact]
    public void Sdr_one_half()
    {
        // SDR = 2/4 = 0.5: P_sell = 0.015 / (0.25·0.5 + 0.05) = 0.015 / 0.175 = 3/35;
        // P_buy = (3/35)·0.5 + 0.30·0.5 = 3/70 + 21/140 = 6/140 + 21/140 = 27/140.
        var p = SdrPricing.Price(2, 4, Retail, FeedIn);
        Assert.Equal(0.5, p.Sdr);
        Assert.Equal(3.0 / 35, p.SellPerKwh, Tol);
        Assert.Equal(27.0 / 140, p.BuyPerKwh, Tol);
    }

    [Fact]
    public void Sdr_above_one_gives_the_feed_in_price()
    {
        var p = SdrPricing.Price(6, 4, Retail, FeedIn); // SDR = 1.5
        Assert.Equal(1.5, p.Sdr);
        Assert.Equal(0.05, p.SellPerKwh);
        Assert.Equal(0.05, p.BuyPerKwh);
    }

    [Fact]
    public void No_demand_is_sdr_infinite_and_the_feed_in_price()
    {
        var p = SdrPricing.Price(3, 0, Retail, FeedIn);
        Assert.Equal(double.PositiveInfinity, p.Sdr);
        Assert.Equal(0.05, p.SellPerKwh);
        Assert.Equal(0.05, p.BuyPerKwh);
    }

    [Fact]
    public void Nothing_offered_nor_demanded_reports_retail_prices()
    {
        var p = SdrPricing.Price(0, 0, Retail, FeedIn);
        Assert.Equal(new SdrPrice(0, 0.30, 0.30), p);
    }

    [Fact]
    public void A_zero_feed_in_price_is_allowed()
    {
        // λ_s = 0: at SDR = 0 the stated value λ_b (no 0/0); at SDR = 0.5, P_sell = 0 / 0.15 = 0 and P_buy = 0 + 0.30·0.5 = 0.15.
        Assert.Equal(new SdrPrice(0, 0.30, 0.30), SdrPricing.Price(0, 4, Retail, 0));
        var half = SdrPricing.Price(2, 4, Retail, 0);
        Assert.Equal(0, half.SellPerKwh);
        Assert.Equal(0.15, half.BuyPerKwh, Tol);
    }

    [Theory]
    [InlineData(-0.01, 0.30, 1, 1, "feedInPerKwh")]
    [InlineData(double.NaN, 0.30, 1, 1, "feedInPerKwh")]
    [InlineData(0.05, 0.05, 1, 1, "retailPerKwh")]
    [InlineData(0.05, double.PositiveInfinity, 1, 1, "retailPerKwh")]
    [InlineData(0.05, 0.30, double.NaN, 1, "surplusKw")]
    [InlineData(0.05, 0.30, 1, -1, "deficitKw")]
    public void Bad_input_is_refused_by_name(double feedIn, double retail, double surplus, double deficit, string field)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => SdrPricing.Price(surplus, deficit, retail, feedIn));
        Assert.Equal(field, e.ParamName);
        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void The_series_prices_each_step_and_names_the_bad_one()
    {
        var series = SdrPricing.PriceSeries([0, 2, 6], [4, 4, 4], Retail, FeedIn);
        Assert.Equal([0.30, 3.0 / 35, 0.05], series.Select(p => p.SellPerKwh), new Close(Tol));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SdrPricing.PriceSeries([1, -2], [1, 1], Retail, FeedIn));
        Assert.StartsWith("step 1:", e.Message);
        Assert.Throws<ArgumentException>(() => SdrPricing.PriceSeries([1, 2], [1], Retail, FeedIn));
    }

    [Fact]
    public void Prices_stay_ordered_and_between_the_grid_prices_on_random_inputs()
    {
        var rng = new Random(20170101);
        for (var n = 0; n < 5000; n++)
        {
            var feedIn = rng.NextDouble() * 0.2;
            var retail = feedIn + 0.001 + rng.NextDouble() * 0.5;
            var surplus = rng.Next(4) == 0 ? 0 : rng.NextDouble() * 100;
            var deficit = rng.Next(4) == 0 ? 0 : rng.NextDouble() * 100;
            var p = SdrPricing.Price(surplus, deficit, retail, feedIn);
            Assert.True(p.BuyPerKwh >= p.SellPerKwh, $"P_buy {p.BuyPerKwh} < P_sell {p.SellPerKwh}");
            Assert.InRange(p.SellPerKwh, feedIn, retail);
            Assert.InRange(p.BuyPerKwh, feedIn, retail);
            if (surplus > 0 && deficit >= surplus)
            {
                // Second form, multiplied through by D: P_sell = λ_b·λ_s·D / ((λ_b − λ_s)·S + λ_s·D); buyers' total
                // D·P_buy = S·P_sell + λ_b·(D − S) (peers at P_sell, the rest from the grid).
                var sell = retail * feedIn * deficit / ((retail - feedIn) * surplus + feedIn * deficit);
                Assert.Equal(sell, p.SellPerKwh, 1e-9);
                Assert.Equal(surplus * sell + retail * (deficit - surplus), deficit * p.BuyPerKwh, 1e-9);
            }
        }
    }

    private sealed class Close(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tol;

        public int GetHashCode(double obj) => 0;
    }
}

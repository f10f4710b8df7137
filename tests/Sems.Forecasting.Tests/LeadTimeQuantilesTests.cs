using Sems.Forecasting.Probabilistic;

namespace Sems.Forecasting.Tests;

public sealed class LeadTimeQuantilesTests
{
    private const int Leads = 24;

    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Sin(2 * Math.PI * u2);
    }

    // Horizons of a known residual distribution: the forecast is a daily shape, the actual adds N(0, σ_k²) with
    // σ_k = 1 + k / 10 growing along the lead.
    private static (List<double[]> Forecasts, List<double[]> Actuals) NormalHorizons(int count, int seed)
    {
        var random = new Random(seed);
        var forecasts = new List<double[]>();
        var actuals = new List<double[]>();
        for (var i = 0; i < count; i++)
        {
            var f = new double[Leads];
            var a = new double[Leads];
            for (var k = 0; k < Leads; k++)
            {
                f[k] = 50 + 20 * Math.Sin(2 * Math.PI * k / Leads) + i % 7;
                a[k] = f[k] + (1 + k / 10.0) * StandardNormal(random);
            }

            forecasts.Add(f);
            actuals.Add(a);
        }

        return (forecasts, actuals);
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics_as_computed_by_hand()
    {
        // Residuals at lead 0: 3, −1, 2, 5, 0 → sorted −1, 0, 2, 3, 5. Type 7: h = (n − 1)·p.
        double[][] forecasts = [[10, 0], [11, 0], [8, 0], [5, 0], [20, 0]];
        double[][] actuals = [[13, 1], [10, 1], [10, 1], [10, 1], [20, 1]];
        var q = LeadTimeQuantiles.Fit(forecasts, actuals, minSamples: 5);
        Assert.Equal(2.0, q.Residual(0, 0.5), 12); // h = 2 → 2
        Assert.Equal(-0.6, q.Residual(0, 0.1), 12); // h = 0.4 → −1 + 0.4·1
        Assert.Equal(4.2, q.Residual(0, 0.9), 12); // h = 3.6 → 3 + 0.6·2
        Assert.Equal(1.0, q.Residual(1, 0.3), 12);
        Assert.Equal(0.0, q.Sigma(1), 12);
        // σ = (q84.13 − q15.87) / 2: h = 3.3654 → 3 + 0.3654·2 = 3.7307; h = 0.6346 → −1 + 0.6346 = −0.3654.
        Assert.Equal((3.7307 - -0.3654) / 2, q.Sigma(0), 3);
    }

    [Fact]
    public void Held_out_coverage_of_the_10_50_and_90_percent_quantiles_is_within_5_points_at_every_lead()
    {
        var (fitF, fitA) = NormalHorizons(3000, seed: 1);
        var (testF, testA) = NormalHorizons(4000, seed: 2);
        var q = LeadTimeQuantiles.Fit(fitF, fitA);
        foreach (var p in new[] { 0.1, 0.5, 0.9 })
        {
            for (var k = 0; k < Leads; k++)
            {
                var below = 0;
                for (var i = 0; i < testF.Count; i++)
                {
                    if (testA[i][k] <= testF[i][k] + q.Residual(k, p)) below++;
                }

                Assert.InRange((double)below / testF.Count, p - 0.05, p + 0.05);
            }
        }
    }

    [Fact]
    public void Sigma_and_quantiles_match_the_normal_distribution_they_were_drawn_from()
    {
        var (f, a) = NormalHorizons(3000, seed: 7);
        var q = LeadTimeQuantiles.Fit(f, a);
        for (var k = 0; k < Leads; k++)
        {
            var sigma = 1 + k / 10.0;
            Assert.InRange(q.Sigma(k), 0.93 * sigma, 1.07 * sigma);
            Assert.InRange(q.Residual(k, 0.9), 1.2816 * sigma * 0.9, 1.2816 * sigma * 1.1); // z(0.9) = 1.2816
            Assert.InRange(q.Residual(k, 0.5), -0.08 * sigma, 0.08 * sigma);
        }
    }

    [Fact]
    public void Skewed_residuals_get_their_own_quantiles_not_a_normal_approximation()
    {
        // Residual = Exp(1) − 1: mean 0, q90 = ln 10 − 1 = 1.3026, q10 = −ln(10/9) − 1... = ln(1/0.9)·1 − 1 = −0.8946.
        var random = new Random(3);
        var forecasts = new List<double[]>();
        var actuals = new List<double[]>();
        for (var i = 0; i < 4000; i++)
        {
            forecasts.Add([0.0]);
            actuals.Add([-Math.Log(1.0 - random.NextDouble()) - 1]);
        }

        var q = LeadTimeQuantiles.Fit(forecasts, actuals);
        Assert.InRange(q.Residual(0, 0.9), 1.3026 - 0.08, 1.3026 + 0.08);
        Assert.InRange(q.Residual(0, 0.1), -0.8946 - 0.02, -0.8946 + 0.02);
    }

    [Fact]
    public void Missing_pairs_are_left_out_and_too_few_samples_or_ragged_horizons_are_refused()
    {
        double[][] forecasts = [[1, 1], [2, double.NaN], [3, 3]];
        double[][] actuals = [[2, 1], [double.NaN, 5], [5, 4]];
        var e = Assert.Throws<ArgumentException>(() => LeadTimeQuantiles.Fit(forecasts, actuals, minSamples: 3));
        Assert.Contains("Lead step 0 has 2", e.Message, StringComparison.Ordinal);
        var q = LeadTimeQuantiles.Fit(forecasts, actuals, minSamples: 2);
        Assert.Equal(2, q.SampleCount(0));
        Assert.Equal(2, q.SampleCount(1));
        Assert.Equal(1.5, q.Residual(0, 0.5), 12); // residuals 1 and 2
        Assert.Equal(0.5, q.Residual(1, 0.5), 12); // residuals 0 and 1

        e = Assert.Throws<ArgumentException>(() => LeadTimeQuantiles.Fit([[1.0, 2.0], [1.0]], [[1.0, 2.0], [1.0]], 2));
        Assert.Contains("horizon 1 has 1 steps", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LeadTimeQuantiles.Fit([[1.0]], [[1.0], [2.0]], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Residual(0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Residual(2, 0.5));
    }
}

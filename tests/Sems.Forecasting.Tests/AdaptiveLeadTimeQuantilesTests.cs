using Sems.Forecasting.Probabilistic;

namespace Sems.Forecasting.Tests;

public sealed class AdaptiveLeadTimeQuantilesTests
{
    private const int Leads = 24;

    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Days of a forecast of level 10 whose errors are normal with standard deviation sigma(day).</summary>
    private static (List<double[]> Forecasts, List<double[]> Actuals) Horizons(int days, Func<int, double> sigma, int seed)
    {
        var random = new Random(seed);
        var forecasts = new List<double[]>();
        var actuals = new List<double[]>();
        for (var d = 0; d < days; d++)
        {
            var f = new double[Leads];
            var a = new double[Leads];
            for (var k = 0; k < Leads; k++)
            {
                f[k] = 10;
                a[k] = 10 + sigma(d) * StandardNormal(random);
            }

            forecasts.Add(f);
            actuals.Add(a);
        }

        return (forecasts, actuals);
    }

    private static BlockForecast Block(List<double[]> forecasts, List<double[]> actuals, int from, int days) =>
        new(SyntheticPv.Start, days, 0, ForecastMetrics.Score([1.0, 2, 3, 4], [1.0, 2, 3, 4]), new double[24],
            [.. actuals.Skip(from).Take(days).SelectMany(x => x)], [.. forecasts.Skip(from).Take(days).SelectMany(x => x)]);

    [Fact]
    public void Quantiles_issued_for_a_day_do_not_change_when_that_day_or_any_later_day_changes()
    {
        var (forecasts, actuals) = Horizons(50, _ => 1, seed: 3);
        foreach (var settings in AdaptiveQuantileSettings.Candidates)
        {
            var before = AdaptiveLeadTimeQuantiles.Issue(forecasts, actuals, 0.9, settings, firstDay: 10);
            const int cut = 30;
            // Day 30's measurements and every later forecast and measurement change; day 30's own forecast is what is
            // issued at its midnight and stays.
            var f2 = forecasts.Select((h, d) => d > cut ? h.Select(v => v + 7).ToArray() : h).ToList();
            var a2 = actuals.Select((h, d) => d >= cut ? h.Select(v => v * -3 + 50).ToArray() : h).ToList();
            var after = AdaptiveLeadTimeQuantiles.Issue(f2, a2, 0.9, settings, firstDay: 10);
            for (var d = 10; d <= cut; d++) Assert.Equal(before[d - 10], after[d - 10]);
            Assert.NotEqual(before[cut + 1 - 10], after[cut + 1 - 10]); // the day after does see day 30
        }
    }

    [Fact]
    public void A_variance_shift_breaks_the_static_fit_and_the_day_by_day_quantiles_keep_nominal_coverage()
    {
        // Error standard deviation 1 for the 60 validation days, 3 for the 60 test days.
        var (forecasts, actuals) = Horizons(120, d => d < 60 ? 1 : 3, seed: 11);
        var validation = Block(forecasts, actuals, 0, 60);
        var test = Block(forecasts, actuals, 60, 60);

        // Static fit on validation: with its fitted residual quantiles q̂(k) ≈ ∓1.28 (σ 1), a test error of σ 3 falls
        // below them with probability Φ(q̂(k) / 3) (closed form, ≈ Φ(−1.2816 / 3) = 0.335), far outside 10 ± 5 %.
        var fixedFit = ForecastMethodSelector.Coverage(validation, test, Leads, 0.1, 0.9);
        Assert.NotNull(fixedFit);
        var fitted = LeadTimeQuantiles.Fit(forecasts.Take(60).ToList(), actuals.Take(60).ToList());
        var expectedLower = Enumerable.Range(0, Leads).Average(k => NormalCdf(fitted.Residual(k, 0.1) / 3));
        var expectedUpper = Enumerable.Range(0, Leads).Average(k => NormalCdf(fitted.Residual(k, 0.9) / 3));
        Assert.Equal(expectedLower, fixedFit.LowerCoverage, 0.04); // binomial σ of 1440 samples ≈ 0.012
        Assert.Equal(expectedUpper, fixedFit.UpperCoverage, 0.04);
        Assert.Equal(0.335, expectedLower, 0.05);
        Assert.True(fixedFit.LowerCoverage > 0.15 && fixedFit.UpperCoverage < 0.85, $"static {fixedFit.LowerCoverage} / {fixedFit.UpperCoverage}");

        // Day by day, 28-day window with adaptive conformal inference: the truth is the nominal 10 % and 90 %.
        var adaptive = AdaptiveLeadTimeQuantiles.Score(forecasts, actuals, 0.1, 0.9, new AdaptiveQuantileSettings(28, 0.005, false), 14, 60);
        Assert.NotNull(adaptive);
        Assert.Equal(60 * Leads, adaptive.Samples);
        Assert.InRange(adaptive.LowerCoverage, 0.05, 0.15);
        Assert.InRange(adaptive.UpperCoverage, 0.85, 0.95);

        // Without adaptation (γ 0, every past day) the mixture of old and new errors still under-covers.
        var allDays = AdaptiveLeadTimeQuantiles.Score(forecasts, actuals, 0.1, 0.9, new AdaptiveQuantileSettings(0, 0, false), 14, 60);
        Assert.NotNull(allDays);
        Assert.True(allDays.LowerCoverage > 0.15, $"lower coverage {allDays.LowerCoverage}");
    }

    [Fact]
    public void Settings_chosen_on_a_validation_block_with_a_shift_meet_nominal_coverage_after_a_second_shift()
    {
        // σ 1 then 2 inside the validation block, 4 on the test block.
        var (forecasts, actuals) = Horizons(120, d => d < 35 ? 1 : d < 60 ? 2 : 4, seed: 5);
        var c = ForecastMethodSelector.AdaptiveCoverage(Block(forecasts, actuals, 0, 60), Block(forecasts, actuals, 60, 60), Leads, 0.1, 0.9);
        Assert.NotNull(c);
        Assert.InRange(c.Test.LowerCoverage, 0.05, 0.15);
        Assert.InRange(c.Test.UpperCoverage, 0.85, 0.95);
        var fixedFit = ForecastMethodSelector.Coverage(Block(forecasts, actuals, 0, 60), Block(forecasts, actuals, 60, 60), Leads, 0.1, 0.9);
        Assert.NotNull(fixedFit);
        Assert.True(fixedFit.LowerCoverage > 0.15, $"static lower coverage {fixedFit.LowerCoverage}");
    }

    [Fact]
    public void A_scaled_window_quantile_matches_the_hand_computed_value()
    {
        // One lead, 7 past days with forecast 2 and residuals 0, 1, …, 6; today forecast 4. Window mean |forecast| 2,
        // so past scales are 4 and today's 6: scaled residuals 0, 0.25, …, 1.5, type-7 q50 = 0.75, quantile 4 + 6·0.75.
        var forecasts = Enumerable.Range(0, 7).Select(_ => new[] { 2.0 }).Append([4.0]).ToList();
        var actuals = Enumerable.Range(0, 7).Select(d => new[] { 2.0 + d }).Append([double.NaN]).ToList();
        var q = AdaptiveLeadTimeQuantiles.Issue(forecasts, actuals, 0.5, new AdaptiveQuantileSettings(0, 0, true), 7);
        Assert.Equal(8.5, q[0][0], 12);
        var unscaled = AdaptiveLeadTimeQuantiles.Issue(forecasts, actuals, 0.5, new AdaptiveQuantileSettings(0, 0, false), 7);
        Assert.Equal(7.0, unscaled[0][0], 12); // 4 + median(0 … 6)
    }

    [Fact]
    public void A_lead_with_one_constant_residual_gets_no_quantile_even_when_the_scale_varies()
    {
        // Lead 0: forecasts 0.25, 0.5, … 2.25 and measurement = forecast − 0.5 every day (exact in binary): the
        // residual is −0.5 at every level, which scaling by |forecast| + mean would turn into a spread. Lead 1 has a spread and gets a quantile.
        var forecasts = Enumerable.Range(0, 9).Select(d => new[] { 0.25 * (d + 1), 1.0 }).ToList();
        var actuals = Enumerable.Range(0, 9).Select(d => new[] { 0.25 * (d + 1) - 0.5, 1.0 + d }).ToList();
        var q = AdaptiveLeadTimeQuantiles.Issue(forecasts, actuals, 0.9, new AdaptiveQuantileSettings(0, 0, true), 8);
        Assert.True(double.IsNaN(q[0][0]));
        Assert.False(double.IsNaN(q[0][1]));
    }

    [Fact]
    public void Steps_left_out_by_the_mask_get_no_quantile_and_do_not_move_the_level()
    {
        // As in the γ test below, but day 7's only step is masked out: it gets no quantile, its miss is not counted,
        // so day 8 issues q90 at p 0.9 of 0, 1, …, 6, 10: h = 7·0.9 = 6.3, 6 + 0.3·4 = 7.2.
        var forecasts = Enumerable.Range(0, 9).Select(_ => new[] { 0.0 }).ToList();
        var actuals = Enumerable.Range(0, 7).Select(d => new[] { (double)d }).Append([10.0]).Append([0.0]).ToList();
        var steps = Enumerable.Range(0, 9).Select(d => new[] { d != 7 }).ToList();
        var q = AdaptiveLeadTimeQuantiles.Issue(forecasts, actuals, 0.9, new AdaptiveQuantileSettings(0, 0.1, false), 7, steps);
        Assert.True(double.IsNaN(q[0][0]));
        Assert.Equal(7.2, q[1][0], 12);
    }

    [Fact]
    public void The_working_probability_moves_by_gamma_times_the_misses_of_the_day()
    {
        // One lead; 7 days of residuals 0 … 6. Day 7 issues q90 at p 0.9: 0 + 5.4 = 5.4; its measurement 10 is above it,
        // so p moves by 0.1 · (0.9 − 0) = 0.09 to 0.99 and day 8 (one more residual, 10) issues type-7 q99 of
        // 0, 1, …, 6, 10: h = 7·0.99 = 6.93, 6 + 0.93·4 = 9.72.
        var forecasts = Enumerable.Range(0, 9).Select(_ => new[] { 0.0 }).ToList();
        var actuals = Enumerable.Range(0, 7).Select(d => new[] { (double)d }).Append([10.0]).Append([0.0]).ToList();
        var q = AdaptiveLeadTimeQuantiles.Issue(forecasts, actuals, 0.9, new AdaptiveQuantileSettings(0, 0.1, false), 7);
        Assert.Equal(5.4, q[0][0], 12);
        Assert.Equal(9.72, q[1][0], 12);
    }

    private static double NormalCdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    /// <summary>Error function, Abramowitz and Stegun 7.1.26 (|error| below 1.5e-7).</summary>
    private static double Erf(double x)
    {
        var t = 1 / (1 + 0.3275911 * Math.Abs(x));
        var y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return x >= 0 ? y : -y;
    }
}

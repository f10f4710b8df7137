namespace Sems.Forecasting.Probabilistic;

/// <summary>
/// Quantiles of day-ahead forecasts issued day by day from what is known at each issue time, so that they follow
/// changes in the error distribution (a heating season, a closure) instead of keeping one fit for good. Day d's
/// quantile at lead k and nominal probability p is forecast[d][k] + scale[d][k] · Q(R, p_d), where
/// <list type="bullet">
/// <item>R are the residuals (actual − forecast) of lead k on the most recent <see cref="AdaptiveQuantileSettings.WindowDays"/>
/// days before d (every earlier day when 0), each divided by its own day's scale (1 when unscaled, else |forecast| +
/// the window's mean |forecast|), and Q is the type-7 empirical quantile as in <see cref="LeadTimeQuantiles"/>;</item>
/// <item>p_d is the working probability of adaptive conformal inference (I. Gibbs and E. Candès, "Adaptive conformal
/// inference under distribution shift", NeurIPS 2021, eq. 2, with one-sided miss indicators): p_0 = p and, once day
/// d's measurements are known, p_{d+1} = p_d + γ Σ_k (p − 1{actual[d][k] ≤ quantile[d][k]}) over the day's scored
/// steps. This implementation projects p_{d+1} onto [0, 1] (the window's smallest and largest residual), where the
/// paper lets it leave and issues an infinite bound.</item>
/// </list>
/// A lead whose window holds fewer than <see cref="MinSamples"/> residuals, or only equal ones in the unit of the
/// target (PV at night, before any scaling), gets no quantile that day (NaN) and does not move p. Nothing of day d other than its forecast is used to issue day d.
/// Pure: no I/O, no clock.
/// </summary>
public static class AdaptiveLeadTimeQuantiles
{
    /// <summary>The fewest residuals a lead needs in the window to issue a quantile.</summary>
    public const int MinSamples = 7;

    /// <summary>Days of the validation block used only as history before <see cref="Choose"/> scores a setting.</summary>
    public const int WarmUpDays = 14;

    /// <summary>
    /// Issues the quantile at nominal <paramref name="probability"/> for every day from <paramref name="firstDay"/>
    /// on. Each horizon is one day's forecast (index = lead step) with the matching measurements; NaN marks a missing
    /// value. <paramref name="steps"/>, when given, marks per day and lead the steps that get a quantile (something
    /// known at issue time, e.g. daylight for PV); the others get none and do not move p. Returns one array per day
    /// from <paramref name="firstDay"/> (the quantiles in the unit of the target, NaN where none was issued).
    /// </summary>
    public static double[][] Issue(IReadOnlyList<double[]> forecasts, IReadOnlyList<double[]> actuals, double probability, AdaptiveQuantileSettings settings, int firstDay, IReadOnlyList<bool[]>? steps = null)
    {
        var leads = Validate(forecasts, actuals, settings);
        if (steps is not null && (steps.Count != forecasts.Count || steps.Any(m => m is null || m.Length != leads)))
            throw new ArgumentException($"steps: {steps.Count} masks, each must match one of the {forecasts.Count} horizons of {leads} steps.", nameof(steps));
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability must lie strictly between 0 and 1.");
        if (firstDay < 0 || firstDay > forecasts.Count)
            throw new ArgumentOutOfRangeException(nameof(firstDay), firstDay, $"firstDay must lie in [0, {forecasts.Count}].");
        var issued = new double[forecasts.Count - firstDay][];
        var level = probability;
        var window = new List<double>();
        for (var d = firstDay; d < forecasts.Count; d++)
        {
            var from = settings.WindowDays == 0 ? 0 : Math.Max(0, d - settings.WindowDays);
            var meanLevel = settings.ScaleByForecast ? MeanAbsoluteForecast(forecasts, from, d) : 0;
            var today = new double[leads];
            for (var k = 0; k < leads; k++)
            {
                window.Clear();
                double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
                for (var j = from; j < d; j++)
                {
                    var f = forecasts[j][k];
                    var a = actuals[j][k];
                    if (double.IsNaN(f) || double.IsNaN(a)) continue;
                    lowest = Math.Min(lowest, a - f);
                    highest = Math.Max(highest, a - f);
                    window.Add((a - f) / Scale(f, meanLevel, settings));
                }

                var fk = forecasts[d][k];
                if (window.Count < MinSamples || double.IsNaN(fk) || steps is not null && !steps[d][k])
                {
                    today[k] = double.NaN;
                    continue;
                }

                // Equal residuals (PV at night, forecast and measurement both 0 or off by one constant) carry no
                // spread, whatever the scale makes of them.
                if (lowest == highest)
                {
                    today[k] = double.NaN;
                    continue;
                }

                window.Sort();
                today[k] = fk + Scale(fk, meanLevel, settings) * Quantile(window, level);
            }

            issued[d - firstDay] = today;
            if (settings.Gamma > 0)
            {
                var step = 0.0;
                for (var k = 0; k < leads; k++)
                {
                    var a = actuals[d][k];
                    if (double.IsNaN(a) || double.IsNaN(today[k])) continue;
                    step += probability - (a <= today[k] ? 1 : 0);
                }

                level = Math.Clamp(level + settings.Gamma * step, 0, 1);
            }
        }

        return issued;
    }

    /// <summary>
    /// Coverage of the <paramref name="lower"/> and <paramref name="upper"/> quantiles issued from day
    /// <paramref name="firstIssuedDay"/> on (history and adaptation before scoring), scored on the days from
    /// <paramref name="firstScoredDay"/>: steps with a measurement and both quantiles, the upper above the lower, count.
    /// Null when no step counts. <paramref name="steps"/> as in <see cref="Issue"/>.
    /// </summary>
    public static QuantileCoverage? Score(IReadOnlyList<double[]> forecasts, IReadOnlyList<double[]> actuals, double lower, double upper, AdaptiveQuantileSettings settings, int firstIssuedDay, int firstScoredDay, IReadOnlyList<bool[]>? steps = null)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        if (!(lower < upper))
            throw new ArgumentException($"lower ({lower}) must be below upper ({upper}).", nameof(lower));
        if (firstScoredDay < firstIssuedDay || firstScoredDay > forecasts.Count)
            throw new ArgumentOutOfRangeException(nameof(firstScoredDay), firstScoredDay, $"firstScoredDay must lie in [{firstIssuedDay}, {forecasts.Count}].");
        var lo = Issue(forecasts, actuals, lower, settings, firstIssuedDay, steps);
        var hi = Issue(forecasts, actuals, upper, settings, firstIssuedDay, steps);
        int below = 0, belowUpper = 0, n = 0;
        var width = 0.0;
        for (var d = firstScoredDay; d < forecasts.Count; d++)
        {
            var l = lo[d - firstIssuedDay];
            var h = hi[d - firstIssuedDay];
            for (var k = 0; k < l.Length; k++)
            {
                var a = actuals[d][k];
                if (double.IsNaN(a) || double.IsNaN(l[k]) || double.IsNaN(h[k]) || !(h[k] > l[k])) continue;
                n++;
                if (a <= l[k]) below++;
                if (a <= h[k]) belowUpper++;
                width += h[k] - l[k];
            }
        }

        return n == 0 ? null : new QuantileCoverage(lower, upper, (double)below / n, (double)belowUpper / n, n, width / n);
    }

    /// <summary>
    /// Chooses the settings among <paramref name="candidates"/> (default <see cref="AdaptiveQuantileSettings.Candidates"/>)
    /// on the validation horizons alone: each issues quantiles after <see cref="WarmUpDays"/> days of history and is
    /// scored on the rest; the one whose worse coverage error max(|lower coverage − lower|, |upper coverage − upper|)
    /// is smallest wins, ties to the one listed first. Null when no candidate can be scored. <paramref name="steps"/> as
    /// in <see cref="Issue"/>.
    /// </summary>
    public static (AdaptiveQuantileSettings Settings, QuantileCoverage Coverage)? Choose(IReadOnlyList<double[]> forecasts, IReadOnlyList<double[]> actuals, double lower, double upper, IReadOnlyList<AdaptiveQuantileSettings>? candidates = null, IReadOnlyList<bool[]>? steps = null)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        candidates ??= AdaptiveQuantileSettings.Candidates;
        if (forecasts.Count <= WarmUpDays) return null;
        (AdaptiveQuantileSettings, QuantileCoverage)? best = null;
        var bestError = double.PositiveInfinity;
        foreach (var c in candidates)
        {
            if (Score(forecasts, actuals, lower, upper, c, WarmUpDays, WarmUpDays, steps) is not { } coverage) continue;
            var error = Math.Max(Math.Abs(coverage.LowerCoverage - lower), Math.Abs(coverage.UpperCoverage - upper));
            if (error < bestError)
            {
                bestError = error;
                best = (c, coverage);
            }
        }

        return best;
    }

    private static int Validate(IReadOnlyList<double[]> forecasts, IReadOnlyList<double[]> actuals, AdaptiveQuantileSettings settings)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(actuals);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.WindowDays < 0)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.WindowDays, "settings.WindowDays must be 0 (all days) or positive.");
        if (!(settings.Gamma >= 0 && double.IsFinite(settings.Gamma)))
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Gamma, "settings.Gamma must be finite and at least 0.");
        if (forecasts.Count != actuals.Count)
            throw new ArgumentException($"{forecasts.Count} forecast horizons but {actuals.Count} actual horizons.", nameof(actuals));
        if (forecasts.Count == 0) return 0;
        var leads = forecasts[0]?.Length ?? throw new ArgumentException("Forecast horizon 0 is null.", nameof(forecasts));
        for (var i = 0; i < forecasts.Count; i++) HorizonPairs.Checked(forecasts, actuals, i, leads);

        return leads;
    }

    private static double MeanAbsoluteForecast(IReadOnlyList<double[]> forecasts, int from, int to)
    {
        double sum = 0;
        var n = 0;
        for (var j = from; j < to; j++)
        {
            foreach (var f in forecasts[j])
            {
                if (double.IsNaN(f)) continue;
                sum += Math.Abs(f);
                n++;
            }
        }

        return n == 0 ? 0 : sum / n;
    }

    /// <summary>The residual scale of a step: 1 when unscaled; else |forecast| + the window's mean |forecast|, or 1
    /// when both are 0 (a window of zero forecasts carries no level to scale by).</summary>
    private static double Scale(double forecast, double meanLevel, AdaptiveQuantileSettings settings)
    {
        if (!settings.ScaleByForecast) return 1;
        var s = Math.Abs(forecast) + meanLevel;
        return s > 0 ? s : 1;
    }

    /// <summary>Type-7 quantile of a sorted list at probability p in [0, 1].</summary>
    private static double Quantile(List<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}

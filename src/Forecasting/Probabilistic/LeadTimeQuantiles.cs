namespace Sems.Forecasting.Probabilistic;

/// <summary>
/// Empirical quantiles of the forecast residual (actual − forecast) by lead step, fitted from past horizons: each
/// horizon is one forecast issued at one time, its index the lead step (0 = the first step of the horizon). A
/// quantile of the forecast at lead k and probability p is forecast[k] + <see cref="Residual"/>(k, p). Quantiles
/// interpolate linearly between order statistics (Hyndman and Fan's type 7, as R's default and NumPy's "linear").
/// Pairs where either value is NaN are left out. Pure: no I/O, no clock.
/// </summary>
public sealed class LeadTimeQuantiles
{
    /// <summary>The fewest residuals a lead step needs by default.</summary>
    public const int DefaultMinSamples = 20;

    private readonly double[][] _sortedResiduals;

    private LeadTimeQuantiles(double[][] sortedResiduals) => _sortedResiduals = sortedResiduals;

    /// <summary>Number of lead steps (the horizon length of the fitted forecasts).</summary>
    public int Leads => _sortedResiduals.Length;

    /// <summary>Number of residuals behind the quantiles of lead step <paramref name="lead"/>.</summary>
    public int SampleCount(int lead) => Sorted(lead).Length;

    /// <summary>
    /// Fits the residual quantiles from <paramref name="forecasts"/> and the matching <paramref name="actuals"/>.
    /// Throws <see cref="ArgumentException"/> when the lists differ in length or are empty, when a horizon's forecast
    /// and actual differ in length, when the horizons differ in length, when a value is infinite, or when a lead step
    /// has fewer than <paramref name="minSamples"/> usable pairs (naming the lead and the count).
    /// </summary>
    public static LeadTimeQuantiles Fit(IReadOnlyList<double[]> forecasts, IReadOnlyList<double[]> actuals, int minSamples = DefaultMinSamples)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(actuals);
        if (minSamples < 2)
            throw new ArgumentOutOfRangeException(nameof(minSamples), minSamples, "minSamples must be at least 2.");
        if (forecasts.Count == 0)
            throw new ArgumentException("At least one forecast horizon is needed.", nameof(forecasts));
        if (forecasts.Count != actuals.Count)
            throw new ArgumentException($"{forecasts.Count} forecast horizons but {actuals.Count} actual horizons.", nameof(actuals));
        var leads = forecasts[0]?.Length ?? throw new ArgumentException("Forecast horizon 0 is null.", nameof(forecasts));
        if (leads == 0) throw new ArgumentException("Forecast horizon 0 is empty.", nameof(forecasts));
        var residuals = new List<double>[leads];
        for (var k = 0; k < leads; k++) residuals[k] = new List<double>(forecasts.Count);
        for (var i = 0; i < forecasts.Count; i++)
        {
            var (f, a) = HorizonPairs.Checked(forecasts, actuals, i, leads);
            for (var k = 0; k < leads; k++)
            {
                if (double.IsNaN(f[k]) || double.IsNaN(a[k])) continue;
                residuals[k].Add(a[k] - f[k]);
            }
        }

        var sorted = new double[leads][];
        for (var k = 0; k < leads; k++)
        {
            if (residuals[k].Count < minSamples)
                throw new ArgumentException($"Lead step {k} has {residuals[k].Count} usable (forecast, actual) pairs; at least {minSamples} are needed.", nameof(actuals));
            sorted[k] = [.. residuals[k].Order()];
        }

        return new LeadTimeQuantiles(sorted);
    }

    /// <summary>The residual (actual − forecast) at lead step <paramref name="lead"/> that a fraction
    /// <paramref name="probability"/> (in (0, 1)) of the fitted residuals lie below, in the unit of the target.</summary>
    public double Residual(int lead, double probability)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must lie strictly between 0 and 1.");
        var r = Sorted(lead);
        var h = (r.Length - 1) * probability;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, r.Length - 1);
        return r[below] + (h - below) * (r[above] - r[below]);
    }

    /// <summary>Robust standard deviation of the residual at lead step <paramref name="lead"/>: (q84.13 − q15.87) / 2,
    /// which equals σ for a normal distribution; in the unit of the target.</summary>
    public double Sigma(int lead) => (Residual(lead, 0.841344746) - Residual(lead, 0.158655254)) / 2;

    private double[] Sorted(int lead)
    {
        if (lead < 0 || lead >= _sortedResiduals.Length)
            throw new ArgumentOutOfRangeException(nameof(lead), lead, $"The lead step must lie in [0, {_sortedResiduals.Length - 1}].");
        return _sortedResiduals[lead];
    }
}

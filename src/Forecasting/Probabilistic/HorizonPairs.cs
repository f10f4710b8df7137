namespace Sems.Forecasting.Probabilistic;

/// <summary>Checks of the (forecast, actual) horizon lists that the residual quantile fits read.</summary>
internal static class HorizonPairs
{
    /// <summary>
    /// Horizon <paramref name="i"/> of both lists, checked: neither is null, both have <paramref name="leads"/> steps,
    /// and no step is infinite (NaN marks a missing value and is allowed). The error names the horizon and the lead.
    /// </summary>
    public static (double[] Forecast, double[] Actual) Checked(IReadOnlyList<double[]> forecasts, IReadOnlyList<double[]> actuals, int i, int leads)
    {
        var f = forecasts[i] ?? throw new ArgumentException($"Forecast horizon {i} is null.", nameof(forecasts));
        var a = actuals[i] ?? throw new ArgumentException($"Actual horizon {i} is null.", nameof(actuals));
        if (f.Length != leads)
            throw new ArgumentException($"Forecast horizon {i} has {f.Length} steps, horizon 0 has {leads}.", nameof(forecasts));
        if (a.Length != leads)
            throw new ArgumentException($"Actual horizon {i} has {a.Length} steps, its forecast has {leads}.", nameof(actuals));
        for (var k = 0; k < leads; k++)
        {
            if (double.IsInfinity(f[k])) throw new ArgumentException($"Forecast horizon {i} lead {k} is {f[k]}.", nameof(forecasts));
            if (double.IsInfinity(a[k])) throw new ArgumentException($"Actual horizon {i} lead {k} is {a[k]}.", nameof(actuals));
        }

        return (f, a);
    }
}

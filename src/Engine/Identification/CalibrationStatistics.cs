namespace Sems.Engine.Identification;

/// <summary>
/// ASHRAE Guideline 14-2014 calibration statistics, in percent, with n − p degrees of freedom (definitions in
/// <see cref="IdentifiedModel"/>). NaN when the measured mean is zero or n ≤ p.
/// </summary>
internal static class CalibrationStatistics
{
    internal static double NmbePercent(IReadOnlyList<double> measured, IReadOnlyList<double> modelled, int parameterCount)
    {
        var (n, mean) = Shape(measured, modelled, parameterCount);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += measured[i] - modelled[i];
        }

        return Defined(n, mean, parameterCount) ? sum / ((n - parameterCount) * mean) * 100.0 : double.NaN;
    }

    internal static double CvRmsePercent(IReadOnlyList<double> measured, IReadOnlyList<double> modelled, int parameterCount)
    {
        var (n, mean) = Shape(measured, modelled, parameterCount);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var e = measured[i] - modelled[i];
            sum += e * e;
        }

        return Defined(n, mean, parameterCount) ? Math.Sqrt(sum / (n - parameterCount)) / mean * 100.0 : double.NaN;
    }

    private static bool Defined(int n, double mean, int parameterCount) => n > parameterCount && mean != 0.0;

    private static (int N, double Mean) Shape(IReadOnlyList<double> measured, IReadOnlyList<double> modelled, int parameterCount)
    {
        if (measured.Count != modelled.Count)
        {
            throw new ArgumentException($"measured has {measured.Count} values but modelled has {modelled.Count}.", nameof(modelled));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        return (measured.Count, measured.Count == 0 ? 0.0 : measured.Average());
    }
}

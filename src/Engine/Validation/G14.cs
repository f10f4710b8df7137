namespace Sems.Engine.Validation;

/// <summary>
/// Calibration statistics of ASHRAE Guideline 14-2014, "Measurement of Energy, Demand, and Water Savings"
/// (calibrated simulation, §5.3.2.4), as percentages, with ȳ the mean of the measured values:
/// <list type="bullet">
/// <item>NMBE = Σ(yᵢ − ŷᵢ) / ((n − p)·ȳ) × 100 (positive when the model under-predicts);</item>
/// <item>CV(RMSE) = √(Σ(yᵢ − ŷᵢ)² / (n − p)) / ȳ × 100.</item>
/// </list>
/// p is the number of model parameters fitted to the measured data (G14's n − p degrees of freedom): the estate
/// calibration fits 3, an identified state-space model 1 + inputs + disturbances, a forecast is scored with p = 1.
/// One implementation serves the twin's calibration, model identification and forecast scoring.
/// </summary>
public static class G14
{
    /// <summary>Hourly calibration limit on |NMBE|, 10 % (ASHRAE Guideline 14-2014, calibrated-simulation criteria, §5.3.2.4).</summary>
    public const double HourlyNmbeLimitPercent = 10.0;

    /// <summary>Hourly calibration limit on CV(RMSE), 30 % (ASHRAE Guideline 14-2014, calibrated-simulation criteria, §5.3.2.4).</summary>
    public const double HourlyCvRmseLimitPercent = 30.0;

    /// <summary>Monthly calibration limit on |NMBE|, 5 % (ASHRAE Guideline 14-2014, calibrated-simulation criteria, §5.3.2.4).</summary>
    public const double MonthlyNmbeLimitPercent = 5.0;

    /// <summary>Monthly calibration limit on CV(RMSE), 15 % (ASHRAE Guideline 14-2014, calibrated-simulation criteria, §5.3.2.4).</summary>
    public const double MonthlyCvRmseLimitPercent = 15.0;

    /// <summary>Normalised mean bias error in percent (see the class remarks for the formula).</summary>
    public static double Nmbe(IReadOnlyList<double> measured, IReadOnlyList<double> modelled, int parameterCount)
    {
        var (n, mean) = Check(measured, modelled, parameterCount);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += measured[i] - modelled[i];
        }

        return sum / ((n - parameterCount) * mean) * 100.0;
    }

    /// <summary>Coefficient of variation of the root-mean-square error in percent (see the class remarks for the formula).</summary>
    public static double CvRmse(IReadOnlyList<double> measured, IReadOnlyList<double> modelled, int parameterCount)
    {
        var (n, mean) = Check(measured, modelled, parameterCount);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var e = measured[i] - modelled[i];
            sum += e * e;
        }

        return Math.Sqrt(sum / (n - parameterCount)) / mean * 100.0;
    }

    /// <summary>Whether hourly statistics meet the Guideline 14 calibration limits (|NMBE| ≤ 10 %, CV(RMSE) ≤ 30 %).</summary>
    public static bool MeetsHourly(double nmbePercent, double cvRmsePercent) =>
        Math.Abs(nmbePercent) <= HourlyNmbeLimitPercent && cvRmsePercent <= HourlyCvRmseLimitPercent;

    /// <summary>Whether monthly statistics meet the Guideline 14 calibration limits (|NMBE| ≤ 5 %, CV(RMSE) ≤ 15 %).</summary>
    public static bool MeetsMonthly(double nmbePercent, double cvRmsePercent) =>
        Math.Abs(nmbePercent) <= MonthlyNmbeLimitPercent && cvRmsePercent <= MonthlyCvRmseLimitPercent;

    private static (int N, double Mean) Check(IReadOnlyList<double> measured, IReadOnlyList<double> modelled, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(modelled);
        if (measured.Count != modelled.Count)
        {
            throw new ArgumentException($"Measured ({measured.Count}) and modelled ({modelled.Count}) series differ in length.", nameof(modelled));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        var n = measured.Count;
        if (n <= parameterCount)
        {
            throw new ArgumentException($"Need more samples ({n}) than fitted parameters ({parameterCount}).", nameof(measured));
        }

        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(measured[i]) || !double.IsFinite(modelled[i]))
                throw new ArgumentException($"Sample {i} is not finite (measured {measured[i]}, modelled {modelled[i]}).", nameof(measured));
        }

        var mean = measured.Average();
        if (mean == 0.0)
        {
            throw new ArgumentException("The measured mean is zero, so normalised statistics are undefined.", nameof(measured));
        }

        return (n, mean);
    }
}

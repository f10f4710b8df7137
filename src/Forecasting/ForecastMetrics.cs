using Sems.Engine.Validation;

namespace Sems.Forecasting;

/// <summary>
/// Forecast error statistics and a rolling day-ahead back-test. With measured yᵢ, forecast ŷᵢ, n samples and ȳ the
/// mean of the measured values:
/// <list type="bullet">
/// <item>MAE = Σ|yᵢ − ŷᵢ| / n, in the unit of the target (the statistic of Tables 1 and 2 of the paper);</item>
/// <item>RMSE = √(Σ(yᵢ − ŷᵢ)² / n), in the unit of the target;</item>
/// <item>NMBE = Σ(yᵢ − ŷᵢ) / ((n − p)·ȳ) × 100, in % (ASHRAE Guideline 14; positive when the forecast is too low);</item>
/// <item>CV(RMSE) = √(Σ(yᵢ − ŷᵢ)² / (n − p)) / ȳ × 100, in % (ASHRAE Guideline 14).</item>
/// </list>
/// p is Guideline 14's number of model parameters. A forecast fits no parameter to the samples it is scored on, but
/// the mean ȳ in the denominator is taken from them, so the default is p = 1 (the n − 1 form commonly used when
/// Guideline 14 statistics are applied to calibrated simulations); pass 0 for plain n. With a few thousand samples
/// the choice scales the percentages by n/(n − 1), a change of under 0.1 % of their value.
/// </summary>
public static class ForecastMetrics
{
    /// <summary>The default p of the Guideline 14 denominators n − p (see the class remarks).</summary>
    public const int DefaultParameterCount = 1;

    /// <summary>Training history is at least this many whole days before the test period.</summary>
    public const int MinimumTrainingDays = 14;

    /// <summary>Mean absolute error, in the unit of the target.</summary>
    public static double MeanAbsoluteError(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        var n = Check(actual, predicted);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += Math.Abs(actual[i] - predicted[i]);
        }

        return sum / n;
    }

    /// <summary>Root-mean-square error over n samples, in the unit of the target.</summary>
    public static double RootMeanSquareError(IReadOnlyList<double> actual, IReadOnlyList<double> predicted) =>
        Math.Sqrt(SumOfSquares(actual, predicted) / Check(actual, predicted));

    /// <summary>Normalised mean bias error per ASHRAE Guideline 14, in % (formula in the class remarks).</summary>
    public static double NmbePercent(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, int parameterCount = DefaultParameterCount)
    {
        Check(actual, predicted);
        return G14.Nmbe(actual, predicted, parameterCount);
    }

    /// <summary>Coefficient of variation of the RMSE per ASHRAE Guideline 14, in % (formula in the class remarks).</summary>
    public static double CvRmsePercent(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, int parameterCount = DefaultParameterCount)
    {
        Check(actual, predicted);
        return G14.CvRmse(actual, predicted, parameterCount);
    }

    /// <summary>All four statistics at once.</summary>
    public static ForecastScores Score(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, int parameterCount = DefaultParameterCount) =>
        new(
            MeanAbsoluteError(actual, predicted),
            RootMeanSquareError(actual, predicted),
            NmbePercent(actual, predicted, parameterCount),
            CvRmsePercent(actual, predicted, parameterCount),
            actual.Count,
            parameterCount);

    /// <summary>
    /// Back-tests <paramref name="forecaster"/> on the last <paramref name="testDays"/> whole calendar days of
    /// <paramref name="all"/>: it is trained once on every sample before the first test day, then, for each test day
    /// in turn, forecasts that day from midnight (steps per day samples) given all measurements up to that midnight
    /// and the day's measured features as its "forecast" weather.
    /// </summary>
    /// <remarks>
    /// Training once matches the paper (trained on 10 months, scored on 60 unseen days) and keeps a year of hourly data
    /// to a few seconds per method; the forecaster still sees each test day's recent measurements through its lags.
    /// Using the measured features (e.g. temperature) as the weather forecast gives an upper bound on the skill that a
    /// real weather forecast allows. Samples after the last whole day are ignored; test days without any measured
    /// sample are skipped and counted, and only measured samples are scored.
    /// </remarks>
    public static ForecastEvaluation Evaluate(IForecaster forecaster, TimeSeriesData all, int testDays)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentOutOfRangeException.ThrowIfLessThan(testDays, 1);
        var spd = all.StepsPerDay;
        var wholeDays = DailyCalendar.WholeDays(all, all.Count);
        var trainingDays = wholeDays - testDays;
        if (trainingDays < MinimumTrainingDays)
        {
            throw new ArgumentException($"The series has {wholeDays} whole days; {testDays} test days leave {trainingDays} for training, fewer than {MinimumTrainingDays}.", nameof(testDays));
        }

        var testStartIndex = DailyCalendar.FirstDayStart(all) + trainingDays * spd;
        forecaster.Train(all.Slice(0, testStartIndex));
        BlockForecast block;
        try
        {
            block = ForecastMethodSelector.ForecastBlock(forecaster, all, testStartIndex, testDays);
        }
        catch (ArgumentException e) when (e.ParamName == nameof(all))
        {
            throw new ArgumentException("The test period has no measured samples to score.", nameof(all), e);
        }

        return new ForecastEvaluation(forecaster.Name, trainingDays, block.FirstDay, testDays, block.SkippedDays, block.Scores, block.Actual, block.Predicted);
    }

    private static double SumOfSquares(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        var n = Check(actual, predicted);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var e = actual[i] - predicted[i];
            sum += e * e;
        }

        return sum;
    }

    private static int Check(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException($"Actual ({actual.Count}) and predicted ({predicted.Count}) differ in length.", nameof(predicted));
        }

        if (actual.Count == 0)
        {
            throw new ArgumentException("No samples.", nameof(actual));
        }

        for (var i = 0; i < actual.Count; i++)
        {
            if (!double.IsFinite(actual[i]) || !double.IsFinite(predicted[i]))
            {
                throw new ArgumentException($"Sample {i} is not finite (actual {actual[i]}, predicted {predicted[i]}).", nameof(actual));
            }
        }

        return actual.Count;
    }
}

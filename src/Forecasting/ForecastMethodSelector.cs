using Sems.Forecasting.Probabilistic;

namespace Sems.Forecasting;

/// <summary>
/// Chooses a series' default forecasting method honestly: the series' whole days are cut into three blocks, train,
/// validation (immediately before the test block) and test (the last days). Every method is trained on the train block
/// only and forecasts each validation day; then, as a deployed default would be, it is trained again on every day
/// before the test block (train and validation) and forecasts each test day. Each day is forecast from its midnight, a
/// full day ahead, given the measurements before that midnight and the day's measured features as its weather
/// forecast. The default is the
/// eligible method with the lowest validation MAE among those whose validation MAE is below the baseline's, else the
/// baseline itself. The test block plays no part in the choice; it only shows how the choice fares on unseen days.
/// </summary>
public static class ForecastMethodSelector
{
    /// <summary>Hours of lead time reported by <see cref="BlockForecast.MaeByLeadHour"/>.</summary>
    public const int LeadHours = 24;

    /// <summary>Nominal probability of the lower quantile scored by <see cref="MethodSelectionScores.Coverage"/>.</summary>
    public const double CoverageLower = 0.1;

    /// <summary>Nominal probability of the upper quantile scored by <see cref="MethodSelectionScores.Coverage"/>.</summary>
    public const double CoverageUpper = 0.9;

    /// <summary>
    /// Evaluates every candidate on the blocks and chooses the default (see the class remarks).
    /// </summary>
    /// <param name="candidates">The methods, each with a fresh forecaster; method names must differ.</param>
    /// <param name="baselineMethod">The method to beat; it must be among the candidates and evaluate.</param>
    /// <param name="all">The series.</param>
    /// <param name="validationDays">Days of the validation block (at least 1).</param>
    /// <param name="testDays">Days of the test block (at least 1).</param>
    /// <param name="horizon">The horizon's features (weather forecast) each forecast is given; null for the measured
    /// values (<see cref="MeasuredHorizonFeatures"/>).</param>
    /// <param name="quantileSteps">Which steps (by their start time) get day-by-day quantiles in
    /// <see cref="MethodSelectionScores.AdaptiveCoverage"/>, e.g. daylight for PV; null for every step.</param>
    public static SeriesSelection Evaluate(IReadOnlyList<ForecastCandidate> candidates, string baselineMethod, TimeSeriesData all, int validationDays, int testDays, IHorizonFeatures? horizon = null, Func<DateTimeOffset, bool>? quantileSteps = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentOutOfRangeException.ThrowIfLessThan(validationDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(testDays, 1);
        if (candidates.Select(c => c.Method).Distinct(StringComparer.Ordinal).Count() != candidates.Count)
        {
            throw new ArgumentException("candidates: two methods have the same name.", nameof(candidates));
        }

        if (!candidates.Any(c => c.Method == baselineMethod))
        {
            throw new ArgumentException($"baselineMethod: \"{baselineMethod}\" is not among the candidates.", nameof(baselineMethod));
        }

        var wholeDays = DailyCalendar.WholeDays(all, all.Count);
        var trainingDays = wholeDays - validationDays - testDays;
        if (trainingDays < ForecastMetrics.MinimumTrainingDays)
        {
            throw new ArgumentException(
                $"The series has {wholeDays} whole days; {validationDays} validation and {testDays} test days leave {trainingDays} for training, fewer than {ForecastMetrics.MinimumTrainingDays}.",
                nameof(testDays));
        }

        var spd = all.StepsPerDay;
        var validationIndex = DailyCalendar.FirstDayStart(all) + trainingDays * spd;
        var testIndex = validationIndex + validationDays * spd;
        var results = new List<MethodSelectionScores>();
        foreach (var candidate in candidates)
        {
            try
            {
                candidate.Forecaster.Train(all.Slice(0, validationIndex));
                var validation = ForecastBlock(candidate.Forecaster, all, validationIndex, validationDays, horizon);
                candidate.Forecaster.Train(all.Slice(0, testIndex));
                var test = ForecastBlock(candidate.Forecaster, all, testIndex, testDays, horizon);
                results.Add(new MethodSelectionScores(candidate.Method, candidate.Forecaster.Name, candidate.Eligible, validation, test, null)
                {
                    Coverage = Coverage(validation, test, spd, CoverageLower, CoverageUpper),
                    AdaptiveCoverage = AdaptiveCoverage(validation, test, spd, CoverageLower, CoverageUpper, quantileSteps),
                });
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                if (candidate.Method == baselineMethod) throw;
                results.Add(new MethodSelectionScores(candidate.Method, candidate.Forecaster.Name, candidate.Eligible, null, null, e.Message));
            }
        }

        var chosen = Choose(
            results.Where(r => r.Validation is not null).Select(r => (r.Method, r.Validation!.Scores.MeanAbsoluteError, r.Eligible)).ToList(),
            baselineMethod);
        return new SeriesSelection(trainingDays, validationDays, testDays, all.TimeAt(validationIndex), all.TimeAt(testIndex), baselineMethod, chosen, results);
    }

    /// <summary>
    /// The rule of the choice, on validation MAEs alone: the eligible method with the lowest validation MAE among those
    /// strictly below the baseline's, else the baseline. Ties go to the method listed first.
    /// </summary>
    public static string Choose(IReadOnlyList<(string Method, double ValidationMae, bool Eligible)> scores, string baselineMethod)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var baseline = scores.Where(s => s.Method == baselineMethod).Select(s => (double?)s.ValidationMae).FirstOrDefault()
            ?? throw new ArgumentException($"baselineMethod: \"{baselineMethod}\" has no validation MAE.", nameof(baselineMethod));
        var best = baselineMethod;
        var bestMae = baseline;
        foreach (var (method, mae, eligible) in scores)
        {
            if (eligible && double.IsFinite(mae) && mae < bestMae)
            {
                best = method;
                bestMae = mae;
            }
        }

        return best;
    }

    /// <summary>
    /// Forecasts <paramref name="days"/> whole days from the midnight at <paramref name="firstDayIndex"/> with a trained
    /// <paramref name="forecaster"/>, each day from its midnight given only the samples before it (and the day's
    /// measured features as its weather forecast, or what <paramref name="horizon"/> gives), and scores the measured
    /// samples.
    /// </summary>
    public static BlockForecast ForecastBlock(IForecaster forecaster, TimeSeriesData all, int firstDayIndex, int days, IHorizonFeatures? horizon = null)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(all);
        horizon ??= MeasuredHorizonFeatures.Instance;
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var spd = all.StepsPerDay;
        if (firstDayIndex <= 0 || firstDayIndex + days * spd > all.Count || DailyCalendar.TimeOfDayIndex(all, firstDayIndex) != 0)
        {
            throw new ArgumentException($"firstDayIndex: {firstDayIndex} with {days} days is not a run of whole days inside the series of {all.Count} samples.", nameof(firstDayIndex));
        }

        var actual = all.Values.AsSpan(firstDayIndex, days * spd).ToArray();
        var predicted = new double[actual.Length];
        Array.Fill(predicted, double.NaN);
        var skipped = 0;
        var scoredActual = new List<double>();
        var scoredPredicted = new List<double>();
        var leadSum = new double[LeadHours];
        var leadCount = new int[LeadHours];
        for (var d = 0; d < days; d++)
        {
            var dayStart = firstDayIndex + d * spd;
            if (actual.AsSpan(d * spd, spd).ToArray().All(double.IsNaN))
            {
                skipped++;
                continue;
            }

            var future = horizon.For(all, dayStart, spd);
            var forecast = forecaster.Forecast(all.Slice(0, dayStart), all.TimeAt(dayStart), spd, future);
            for (var p = 0; p < spd; p++)
            {
                var i = d * spd + p;
                predicted[i] = forecast[p];
                if (!double.IsNaN(actual[i]))
                {
                    scoredActual.Add(actual[i]);
                    scoredPredicted.Add(forecast[p]);
                    var hour = LeadHourIndex(all.Step, p);
                    leadSum[hour] += Math.Abs(actual[i] - forecast[p]);
                    leadCount[hour]++;
                }
            }
        }

        if (scoredActual.Count <= ForecastMetrics.DefaultParameterCount)
        {
            throw new ArgumentException($"The block of {days} days from {all.TimeAt(firstDayIndex):yyyy-MM-dd} has no measured samples to score.", nameof(all));
        }

        var byLead = new double[LeadHours];
        for (var h = 0; h < LeadHours; h++)
        {
            byLead[h] = leadCount[h] > 0 ? leadSum[h] / leadCount[h] : double.NaN;
        }

        return new BlockForecast(all.TimeAt(firstDayIndex), days, skipped, ForecastMetrics.Score(scoredActual, scoredPredicted), byLead, actual, predicted);
    }

    /// <summary>
    /// Quantile coverage of a method: <see cref="LeadTimeQuantiles"/> fitted on the day horizons of
    /// <paramref name="fit"/> (lead = step after midnight), scored on those of <paramref name="score"/>; null when a
    /// lead step has too few residuals to fit or no step can be scored.
    /// </summary>
    public static QuantileCoverage? Coverage(BlockForecast fit, BlockForecast score, int stepsPerDay, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(score);
        LeadTimeQuantiles quantiles;
        try
        {
            quantiles = LeadTimeQuantiles.Fit(Days(fit.Predicted, stepsPerDay), Days(fit.Actual, stepsPerDay), Math.Min(LeadTimeQuantiles.DefaultMinSamples, fit.Days));
        }
        catch (ArgumentException)
        {
            return null;
        }

        int below = 0, belowUpper = 0, n = 0;
        var width = 0.0;
        for (var i = 0; i < score.Actual.Length; i++)
        {
            var k = i % stepsPerDay;
            var a = score.Actual[i];
            var f = score.Predicted[i];
            var lo = quantiles.Residual(k, lower);
            var hi = quantiles.Residual(k, upper);
            if (double.IsNaN(a) || double.IsNaN(f) || !(hi > lo)) continue;
            n++;
            if (a <= f + lo) below++;
            if (a <= f + hi) belowUpper++;
            width += hi - lo;
        }

        return n == 0 ? null : new QuantileCoverage(lower, upper, (double)below / n, (double)belowUpper / n, n, width / n);
    }

    /// <summary>
    /// Quantile coverage of a method with quantiles issued day by day (<see cref="AdaptiveLeadTimeQuantiles"/>): the
    /// settings are chosen on the <paramref name="validation"/> block alone, then run through the validation and
    /// <paramref name="test"/> days in order, each day's quantiles issued from the days before it (validation days and
    /// the test days already measured), and scored on the test block; null when no setting can be scored. Only the
    /// steps whose start time satisfies <paramref name="steps"/> (null: every step) get quantiles.
    /// </summary>
    public static AdaptiveQuantileCoverage? AdaptiveCoverage(BlockForecast validation, BlockForecast test, int stepsPerDay, double lower, double upper, Func<DateTimeOffset, bool>? steps = null)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        var validationForecasts = Days(validation.Predicted, stepsPerDay);
        var validationActuals = Days(validation.Actual, stepsPerDay);
        var validationSteps = Masks(validation, stepsPerDay, steps);
        if (AdaptiveLeadTimeQuantiles.Choose(validationForecasts, validationActuals, lower, upper, null, validationSteps) is not { } chosen) return null;
        List<double[]> forecasts = [.. validationForecasts, .. Days(test.Predicted, stepsPerDay)];
        List<double[]> actuals = [.. validationActuals, .. Days(test.Actual, stepsPerDay)];
        List<bool[]>? masks = steps is null ? null : [.. validationSteps!, .. Masks(test, stepsPerDay, steps)!];
        var onTest = AdaptiveLeadTimeQuantiles.Score(forecasts, actuals, lower, upper, chosen.Settings, AdaptiveLeadTimeQuantiles.WarmUpDays, validationForecasts.Count, masks);
        return onTest is null ? null : new AdaptiveQuantileCoverage(chosen.Settings, chosen.Coverage, onTest);
    }

    private static List<bool[]>? Masks(BlockForecast block, int stepsPerDay, Func<DateTimeOffset, bool>? steps)
    {
        if (steps is null) return null;
        var step = TimeSpan.FromTicks(TimeSpan.TicksPerDay / stepsPerDay);
        var masks = new List<bool[]>();
        for (var d = 0; (d + 1) * stepsPerDay <= block.Actual.Length; d++)
        {
            var mask = new bool[stepsPerDay];
            for (var k = 0; k < stepsPerDay; k++) mask[k] = steps(block.FirstDay + TimeSpan.FromDays(d) + k * step);
            masks.Add(mask);
        }

        return masks;
    }

    private static List<double[]> Days(double[] series, int stepsPerDay)
    {
        var days = new List<double[]>();
        for (var d = 0; d + stepsPerDay <= series.Length; d += stepsPerDay) days.Add(series.AsSpan(d, stepsPerDay).ToArray());
        return days;
    }

    /// <summary>Hour of lead time (0 for hour 1) of step <paramref name="stepInDay"/> after midnight.</summary>
    internal static int LeadHourIndex(TimeSpan step, int stepInDay) =>
        (int)(stepInDay * step.Ticks / TimeSpan.TicksPerHour);
}

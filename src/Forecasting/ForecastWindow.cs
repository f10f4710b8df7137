namespace Sems.Forecasting;

/// <summary>
/// The view a forecaster has at forecast time: measured samples strictly before the forecast start, then its own
/// forecast as it fills in. Provides seasonal look-ups with fallbacks over missing samples and the horizon's features.
/// </summary>
internal sealed class ForecastWindow
{
    private readonly IReadOnlyDictionary<string, double[]>? _futureFeatures;

    public ForecastWindow(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures, TimeSpan trainedStep)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (history.Step != trainedStep)
        {
            throw new ArgumentException($"The history has a {history.Step} step but the model was trained on {trainedStep}.", nameof(history));
        }

        StartIndex = history.IndexOf(start);
        if (StartIndex <= 0)
        {
            throw new ArgumentException($"The forecast start {start:O} must be after the start of the history {history.Start:O}.", nameof(start));
        }

        if (futureFeatures is not null)
        {
            foreach (var (name, series) in futureFeatures)
            {
                if (series is null || series.Length < steps)
                {
                    throw new ArgumentException($"Future feature '{name}' has {series?.Length ?? 0} samples; the horizon needs {steps}.", nameof(futureFeatures));
                }

                for (var j = 0; j < steps; j++)
                {
                    if (!double.IsFinite(series[j]))
                    {
                        throw new ArgumentException($"Future feature '{name}' is not finite at horizon step {j} ({series[j]}).", nameof(futureFeatures));
                    }
                }
            }
        }

        History = history;
        Start = start;
        Steps = steps;
        Available = Math.Min(history.Count, StartIndex);
        Forecast = new double[steps];
        Array.Fill(Forecast, double.NaN);
        _futureFeatures = futureFeatures;
        RecentMean = ComputeRecentMean();
    }

    public TimeSeriesData History { get; }

    public DateTimeOffset Start { get; }

    public int Steps { get; }

    /// <summary>Index of the forecast start on the history's grid.</summary>
    public int StartIndex { get; }

    /// <summary>Measured samples usable by the forecast: indices below this.</summary>
    public int Available { get; }

    /// <summary>The forecast being built (NaN where not yet filled), horizon step j at absolute index StartIndex + j.</summary>
    public double[] Forecast { get; }

    /// <summary>Mean of the finite measured samples of the last 7 days before the start, the last-resort fallback.</summary>
    public double RecentMean { get; }

    public int StepsPerDay => History.StepsPerDay;

    /// <summary>Measured value, or already forecast value, at an absolute index; NaN when neither is known.</summary>
    public double ValueAt(int index)
    {
        if (index >= 0 && index < Available)
        {
            return History.Values[index];
        }

        var j = index - StartIndex;
        return j >= 0 && j < Steps ? Forecast[j] : double.NaN;
    }

    /// <summary>
    /// The value one <paramref name="periodSteps"/> before <paramref name="index"/>, or if that is unknown the value
    /// 2, 3, … periods before (at most <paramref name="maxPeriods"/>); NaN when none is known.
    /// </summary>
    public double SeasonalValue(int index, int periodSteps, int maxPeriods)
    {
        for (var k = 1; k <= maxPeriods; k++)
        {
            var v = ValueAt(index - k * periodSteps);
            if (double.IsFinite(v))
            {
                return v;
            }
        }

        return double.NaN;
    }

    /// <summary>
    /// Feature <paramref name="name"/> at an absolute index: measured before the start; in the horizon from the future
    /// features when given, else the value at the same time on the last measured day (persistence).
    /// </summary>
    public double FeatureAt(string name, int index)
    {
        var measured = History.Feature(name) ?? throw new ArgumentException($"The history has no feature '{name}', which the model was trained with.", nameof(name));
        if (index < Available)
        {
            return measured[Math.Max(index, 0)];
        }

        var j = index - StartIndex;
        if (j >= 0 && j < Steps && _futureFeatures is not null && _futureFeatures.TryGetValue(name, out var future))
        {
            return future[j];
        }

        var back = index;
        while (back >= Available)
        {
            back -= StepsPerDay;
        }

        return measured[Math.Max(back, 0)];
    }

    /// <summary>Mean of a full day of values starting at an absolute index; NaN if any sample is unknown.</summary>
    public double DayMean(int dayStartIndex)
    {
        var sum = 0.0;
        for (var i = dayStartIndex; i < dayStartIndex + StepsPerDay; i++)
        {
            var v = ValueAt(i);
            if (!double.IsFinite(v))
            {
                return double.NaN;
            }

            sum += v;
        }

        return sum / StepsPerDay;
    }

    private double ComputeRecentMean()
    {
        var sum = 0.0;
        var n = 0;
        for (var i = Math.Max(0, Available - 7 * History.StepsPerDay); i < Available; i++)
        {
            if (double.IsFinite(History.Values[i]))
            {
                sum += History.Values[i];
                n++;
            }
        }

        return n > 0
            ? sum / n
            : throw new InvalidOperationException($"The history has no measured value in the 7 days before {Start:O}.");
    }
}

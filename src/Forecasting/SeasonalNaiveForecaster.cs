namespace Sems.Forecasting;

/// <summary>
/// The baseline to beat: each forecast sample repeats the measured sample one period earlier, the same time yesterday
/// (<see cref="SeasonalNaivePeriod.Day"/>) or the same time last week (<see cref="SeasonalNaivePeriod.Week"/>).
/// When that sample is missing (NaN) it takes the one a further period back (at most 4 periods), and when none of
/// those is known, the mean of the last 7 measured days. Beyond one period ahead it repeats its own forecast.
/// </summary>
/// <param name="period">Which season to repeat.</param>
public sealed class SeasonalNaiveForecaster(SeasonalNaivePeriod period = SeasonalNaivePeriod.Day) : IForecaster
{
    private const int MaxPeriodsBack = 4;

    private TimeSpan? _step;

    /// <inheritdoc />
    public string Name => period == SeasonalNaivePeriod.Day ? "Seasonal naive (same time yesterday)" : "Seasonal naive (same time last week)";

    /// <summary>Which season is repeated.</summary>
    public SeasonalNaivePeriod Period => period;

    /// <summary>Nothing to learn: records the step so that forecasts can check their history.</summary>
    public void Train(TimeSeriesData history)
    {
        ArgumentNullException.ThrowIfNull(history);
        _step = history.Step;
    }

    /// <inheritdoc />
    public double[] Forecast(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures)
    {
        var step = _step ?? throw new InvalidOperationException("Train the forecaster before forecasting.");
        var window = new ForecastWindow(history, start, steps, futureFeatures, step);
        var periodSteps = period == SeasonalNaivePeriod.Day ? window.StepsPerDay : 7 * window.StepsPerDay;
        for (var j = 0; j < steps; j++)
        {
            var v = window.SeasonalValue(window.StartIndex + j, periodSteps, MaxPeriodsBack);
            window.Forecast[j] = double.IsFinite(v) ? v : window.RecentMean;
        }

        return window.Forecast;
    }
}

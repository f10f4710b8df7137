namespace Sems.Forecasting;

/// <summary>
/// The baseline to beat: each forecast sample repeats the measured sample one period earlier, the same time yesterday
/// (<see cref="SeasonalNaivePeriod.Day"/>) or the same time last week (<see cref="SeasonalNaivePeriod.Week"/>).
/// When that sample is missing (NaN) it takes the one a further period back (at most 4 periods), and when none of
/// those is known, the mean of the last 7 measured days. Beyond one period ahead it repeats its own forecast.
/// </summary>
/// <param name="period">Which season to repeat.</param>
public sealed class SeasonalNaiveForecaster(SeasonalNaivePeriod period = SeasonalNaivePeriod.Day) : RuleBasedForecaster
{
    private const int MaxPeriodsBack = 4;

    /// <inheritdoc />
    public override string Name => period == SeasonalNaivePeriod.Day ? "Seasonal naive (same time yesterday)" : "Seasonal naive (same time last week)";

    /// <summary>Which season is repeated.</summary>
    public SeasonalNaivePeriod Period => period;

    /// <inheritdoc />
    private protected override void Fill(ForecastWindow window)
    {
        var periodSteps = period == SeasonalNaivePeriod.Day ? window.StepsPerDay : 7 * window.StepsPerDay;
        for (var j = 0; j < window.Steps; j++)
        {
            var v = window.SeasonalValue(window.StartIndex + j, periodSteps, MaxPeriodsBack);
            window.Forecast[j] = double.IsFinite(v) ? v : window.RecentMean;
        }
    }
}

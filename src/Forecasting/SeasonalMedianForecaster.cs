namespace Sems.Forecasting;

/// <summary>
/// A robust seasonal baseline: each forecast sample is the median of the measured samples at the same time of day on
/// the last 7 days before the forecast is issued (the missing ones left out; the mean of the last 7 measured days when
/// none is measured). A single cloudy day or an odd day moves it less than it moves "same time yesterday". Beyond one
/// day ahead the same 7 days are used.
/// </summary>
public sealed class SeasonalMedianForecaster : RuleBasedForecaster
{
    /// <summary>Days whose same-time samples are taken.</summary>
    public const int Days = 7;

    /// <inheritdoc />
    public override string Name => "Seasonal median (same time, last 7 days)";

    /// <inheritdoc />
    private protected override void Fill(ForecastWindow window) => Median(window, window.Forecast);

    /// <summary>The median of the last <see cref="Days"/> days at each horizon step's time of day, into <paramref name="into"/>.</summary>
    internal static void Median(ForecastWindow window, double[] into)
    {
        var spd = window.StepsPerDay;
        var s = window.StartIndex;
        var values = new List<double>(Days);
        for (var j = 0; j < window.Steps; j++)
        {
            values.Clear();
            // The same time of day on each of the 7 days before the issue time.
            var sameTime = s + (j % spd) - spd;
            for (var d = 0; d < Days; d++)
            {
                var k = sameTime - d * spd;
                if (k < 0 || k >= window.Available) continue;
                var v = window.History.Values[k];
                if (double.IsFinite(v)) values.Add(v);
            }

            if (values.Count == 0)
            {
                into[j] = window.RecentMean;
                continue;
            }

            values.Sort();
            var m = values.Count / 2;
            into[j] = values.Count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
        }
    }
}

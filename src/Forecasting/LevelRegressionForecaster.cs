namespace Sems.Forecasting;

/// <summary>
/// A level-adaptive regression: gradient-boosted trees learn each step's departure from the recent level L, the mean
/// of the measured samples of the day before the forecast is issued, so a load whose level drifts (a heating season
/// starting, a building filling up) is followed instead of being pulled back to the levels seen in training. Inputs:
/// the values 1 day and 7 days earlier at the same time minus L, L itself, the time of day (sine, cosine, hour), the
/// day of week, the day type one-hot, and for every feature series its value at the step and its change against its
/// mean over the day before the issue time (e.g. "2 K colder than yesterday"). Forecast = L + the trees' output.
/// </summary>
/// <remarks>
/// Training rows are issued at their own day's midnight, as the day-ahead back-test issues forecasts. L needs at least
/// half of the previous day measured, else the mean of the last 7 measured days. Lags fall back as in
/// <see cref="RegressionForecaster"/>. A target never negative in training is never forecast negative.
/// </remarks>
/// <param name="kind">ML.NET FastTree or LightGBM.</param>
/// <param name="seed">Seed of the ML.NET context and of the tree learner.</param>
public sealed class LevelRegressionForecaster(RegressionKind kind = RegressionKind.LightGbm, int seed = 1) : IForecaster
{
    private const int MinimumTrainingDays = 14;
    private const int MaxPeriodsBack = 4;

    private Model? _model;

    /// <inheritdoc />
    public string Name => $"Level-adaptive regression ({GradientBoostedTrees.Label(kind)}, departure from the last day's mean)";

    /// <inheritdoc />
    public void Train(TimeSeriesData history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var spd = history.StepsPerDay;
        GradientBoostedTrees.RequireHistoryDays(history, MinimumTrainingDays, "level-adaptive regression");

        var (names, features) = GradientBoostedTrees.FeaturesByName(history);
        var rows = new List<float[]>();
        var labels = new List<float>();
        var levelCache = new Dictionary<int, (double Level, double[] FeatureMeans)>();
        for (var i = 7 * spd; i < history.Count; i++)
        {
            var y = history.Values[i];
            var lagDay = history.Values[i - spd];
            var lagWeek = history.Values[i - 7 * spd];
            if (double.IsNaN(y) || double.IsNaN(lagDay) || double.IsNaN(lagWeek)) continue;
            var issue = i - DailyCalendar.TimeOfDayIndex(history, i);
            if (!levelCache.TryGetValue(issue, out var level))
            {
                level = (MeanOfDayBefore(k => history.Values[k], issue, spd), features.Select(f => MeanOfDayBefore(k => f[k], issue, spd)).ToArray());
                levelCache[issue] = level;
            }

            if (double.IsNaN(level.Level)) continue;
            rows.Add(Row(history, i, level.Level, lagDay, lagWeek, features.Select(f => f[i]).ToArray(), level.FeatureMeans));
            labels.Add((float)(y - level.Level));
        }

        GradientBoostedTrees.RequireTrainingRows(rows.Count, spd, MinimumTrainingDays, "a measured value, measured lags of 1 and 7 days and a measured previous day", "level-adaptive regression");

        var nonNegative = history.Values.Where(double.IsFinite).All(v => v >= 0);
        _model = new Model(history.Step, names, nonNegative, GradientBoostedTrees.Train(kind, seed, rows, labels));
    }

    /// <inheritdoc />
    public double[] Forecast(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures)
    {
        var model = _model ?? throw new InvalidOperationException("Train the forecaster before forecasting.");
        var window = new ForecastWindow(history, start, steps, futureFeatures, model.Step);
        var spd = window.StepsPerDay;
        var s = window.StartIndex;
        var level = MeanOfDayBefore(window.ValueAt, s, spd);
        if (double.IsNaN(level)) level = window.RecentMean;
        var featureMeans = model.FeatureNames.Select(n => MeanOfDayBefore(k => window.FeatureAt(n, k), s, spd)).ToArray();
        for (var chunk = 0; chunk < steps; chunk += spd)
        {
            var count = Math.Min(spd, steps - chunk);
            var rows = new float[count][];
            for (var c = 0; c < count; c++)
            {
                var i = s + chunk + c;
                var lagDay = window.SeasonalValue(i, spd, MaxPeriodsBack);
                if (double.IsNaN(lagDay)) lagDay = window.RecentMean;
                var lagWeek = window.SeasonalValue(i, 7 * spd, MaxPeriodsBack);
                if (double.IsNaN(lagWeek)) lagWeek = lagDay;
                rows[c] = Row(history, i, level, lagDay, lagWeek, model.FeatureNames.Select(n => window.FeatureAt(n, i)).ToArray(), featureMeans);
            }

            var predicted = model.Trees.Predict(rows);
            for (var c = 0; c < count; c++)
            {
                var v = level + predicted[c];
                window.Forecast[chunk + c] = model.NonNegative ? Math.Max(0.0, v) : v;
            }
        }

        return window.Forecast;
    }

    /// <summary>Mean of the finite values at indices <paramref name="issue"/> − <paramref name="spd"/> …
    /// <paramref name="issue"/> − 1; NaN when fewer than half are finite or the day lies before index 0.</summary>
    internal static double MeanOfDayBefore(Func<int, double> value, int issue, int spd)
    {
        if (issue - spd < 0) return double.NaN;
        var sum = 0.0;
        var n = 0;
        for (var k = issue - spd; k < issue; k++)
        {
            var v = value(k);
            if (!double.IsFinite(v)) continue;
            sum += v;
            n++;
        }

        return 2 * n >= spd ? sum / n : double.NaN;
    }

    private static float[] Row(TimeSeriesData data, int index, double level, double lagDay, double lagWeek, double[] featureValues, double[] featureMeans)
    {
        var date = data.DateAt(index);
        var type = data.DayTypeOf(date);
        var tod = DailyCalendar.TimeOfDayIndex(data, index);
        var angle = 2.0 * Math.PI * tod / data.StepsPerDay;
        const int fixedCount = 10;
        var x = new float[fixedCount + 2 * featureValues.Length];
        x[0] = (float)(lagDay - level);
        x[1] = (float)(lagWeek - level);
        x[2] = (float)level;
        x[3] = (float)Math.Sin(angle);
        x[4] = (float)Math.Cos(angle);
        x[5] = DailyCalendar.DayOfWeekNumber(date);
        x[6] = type == DayType.Weekday ? 1f : 0f;
        x[7] = type == DayType.Weekend ? 1f : 0f;
        x[8] = type == DayType.Holiday ? 1f : 0f;
        x[9] = (float)(24.0 * tod / data.StepsPerDay);
        for (var f = 0; f < featureValues.Length; f++)
        {
            x[fixedCount + 2 * f] = (float)featureValues[f];
            x[fixedCount + 2 * f + 1] = double.IsFinite(featureMeans[f]) ? (float)(featureValues[f] - featureMeans[f]) : 0f;
        }

        return x;
    }

    private sealed record Model(TimeSpan Step, string[] FeatureNames, bool NonNegative, GradientBoostedTrees.Fitted Trees);
}

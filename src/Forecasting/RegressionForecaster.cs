namespace Sems.Forecasting;

/// <summary>
/// The regression-based method of Section 2.2.1 of the paper, with gradient-boosted trees in place of its neural
/// network: one model regresses the value at every step directly on the value 1 day and 7 days earlier at the same
/// time of day, the time of day (sine and cosine of the fraction of the day, and the hour of day itself, 0–24 h,
/// which trees split more easily), the day of week (Monday = 0 … Sunday = 6), the day type one-hot (weekday,
/// weekend, holiday) and the value of every feature series of the history at that step (e.g. temperature in °C).
/// </summary>
/// <remarks>
/// The shortest lag is one day, so a whole day ahead needs no recursion: every lag of the next 24 h is measured.
/// Beyond one day the model uses its own forecast as the one-day lag. A lag that falls on a missing sample is taken
/// a further day (or week) back, at most 4 times, and else from the mean of the last 7 measured days; training uses
/// only steps whose target and lags are all measured. Horizon features come from the future features when given,
/// else from the same time on the last measured day. A target that was never negative in training is never forecast
/// negative. Both kinds use 100 trees with learning rate 0.1 and 31 leaves, single-threaded with the seed, so results
/// are reproducible.
/// </remarks>
/// <param name="kind">ML.NET FastTree or LightGBM.</param>
/// <param name="seed">Seed of the ML.NET context and of the tree learner.</param>
public sealed class RegressionForecaster(RegressionKind kind = RegressionKind.FastTree, int seed = 1) : IForecaster
{
    private const int MinimumTrainingDays = 14;
    private const int MaxPeriodsBack = 4;
    private const int FixedFeatureCount = 9;

    private Model? _model;

    /// <inheritdoc />
    public string Name => $"Regression ({(kind == RegressionKind.FastTree ? "FastTree" : "LightGBM")}, lags 1 d and 7 d)";

    /// <summary>The gradient-boosting library.</summary>
    public RegressionKind Kind => kind;

    /// <inheritdoc />
    public void Train(TimeSeriesData history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var spd = history.StepsPerDay;
        GradientBoostedTrees.RequireHistoryDays(history, MinimumTrainingDays, "regression method");

        var (featureNames, features) = GradientBoostedTrees.FeaturesByName(history);
        var rows = new List<float[]>();
        var labels = new List<float>();
        for (var i = 7 * spd; i < history.Count; i++)
        {
            var y = history.Values[i];
            var lagDay = history.Values[i - spd];
            var lagWeek = history.Values[i - 7 * spd];
            if (double.IsNaN(y) || double.IsNaN(lagDay) || double.IsNaN(lagWeek))
            {
                continue;
            }

            rows.Add(Row(history, i, lagDay, lagWeek, features.Select(f => f[i]).ToArray()));
            labels.Add((float)y);
        }

        GradientBoostedTrees.RequireTrainingRows(rows.Count, spd, MinimumTrainingDays, "a measured value and measured lags of 1 and 7 days", "regression method");

        var fitted = GradientBoostedTrees.Train(kind, seed, rows, labels);
        _model = new Model(history.Step, featureNames, labels.All(v => v >= 0f), fitted);
    }

    /// <inheritdoc />
    public double[] Forecast(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures)
    {
        var model = _model ?? throw new InvalidOperationException("Train the forecaster before forecasting.");
        var window = new ForecastWindow(history, start, steps, futureFeatures, model.Step);
        var spd = window.StepsPerDay;

        // One day at a time, so that every one-day lag is measured or already forecast.
        for (var chunk = 0; chunk < steps; chunk += spd)
        {
            var count = Math.Min(spd, steps - chunk);
            var rows = new float[count][];
            for (var c = 0; c < count; c++)
            {
                var i = window.StartIndex + chunk + c;
                var lagDay = window.SeasonalValue(i, spd, MaxPeriodsBack);
                if (double.IsNaN(lagDay))
                {
                    lagDay = window.RecentMean;
                }

                var lagWeek = window.SeasonalValue(i, 7 * spd, MaxPeriodsBack);
                if (double.IsNaN(lagWeek))
                {
                    lagWeek = lagDay;
                }

                rows[c] = Row(history, i, lagDay, lagWeek, model.FeatureNames.Select(n => window.FeatureAt(n, i)).ToArray());
            }

            var predicted = model.Trees.Predict(rows);
            for (var c = 0; c < count; c++)
            {
                window.Forecast[chunk + c] = model.NonNegative ? Math.Max(0.0, predicted[c]) : predicted[c];
            }
        }

        return window.Forecast;
    }

    private static float[] Row(TimeSeriesData data, int index, double lagDay, double lagWeek, double[] featureValues)
    {
        var date = data.DateAt(index);
        var type = data.DayTypeOf(date);
        var angle = 2.0 * Math.PI * DailyCalendar.TimeOfDayIndex(data, index) / data.StepsPerDay;
        var x = new float[FixedFeatureCount + featureValues.Length];
        x[0] = (float)lagDay;
        x[1] = (float)lagWeek;
        x[2] = (float)Math.Sin(angle);
        x[3] = (float)Math.Cos(angle);
        x[4] = DailyCalendar.DayOfWeekNumber(date);
        x[5] = type == DayType.Weekday ? 1f : 0f;
        x[6] = type == DayType.Weekend ? 1f : 0f;
        x[7] = type == DayType.Holiday ? 1f : 0f;
        x[8] = (float)(24.0 * DailyCalendar.TimeOfDayIndex(data, index) / data.StepsPerDay);
        for (var f = 0; f < featureValues.Length; f++)
        {
            x[FixedFeatureCount + f] = (float)featureValues[f];
        }

        return x;
    }

    /// <summary>What <see cref="Train"/> learned.</summary>
    private sealed record Model(TimeSpan Step, string[] FeatureNames, bool NonNegative, GradientBoostedTrees.Fitted Trees);
}

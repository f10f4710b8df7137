using Sems.Forecasting.Solar;

namespace Sems.Forecasting;

/// <summary>
/// A learned improvement on the physical PV baseline (<see cref="ClearSkyPvForecaster"/>): gradient-boosted trees
/// learn the baseline's error (measured − baseline) from the baseline B itself, the step's clear-sky irradiance, the
/// clear-sky index of the day before the issue time, the forecast clear-sky index of the step (with an irradiance
/// feature), the value 1 day earlier, the median of the same time on the last 7 days before the issue time, the time of day and the time of year (sine and cosine of each) and every feature
/// series. Forecast = max(0, B + the trees' output). Training rows are issued at their own day's midnight.
/// </summary>
/// <param name="site">Where the PV system is.</param>
/// <param name="irradianceFeature">The feature holding global horizontal irradiance (W/m²), or null.</param>
/// <param name="kind">ML.NET FastTree or LightGBM.</param>
/// <param name="seed">Seed of the ML.NET context and of the tree learner.</param>
public sealed class PvRegressionForecaster(SiteLocation site, string? irradianceFeature = null, RegressionKind kind = RegressionKind.FastTree, int seed = 1) : IForecaster
{
    private const int MinimumTrainingDays = 14;
    private const int MaxPeriodsBack = 4;

    private readonly ClearSkyPvForecaster _baseline = new(site, irradianceFeature);
    private Model? _model;

    /// <inheritdoc />
    public string Name => $"PV regression on the clear-sky baseline ({GradientBoostedTrees.Label(kind)}, {(irradianceFeature is null ? "smart persistence" : "irradiance forecast")})";

    /// <inheritdoc />
    public void Train(TimeSeriesData history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var spd = history.StepsPerDay;
        GradientBoostedTrees.RequireHistoryDays(history, MinimumTrainingDays, "PV regression");
        _baseline.Train(history);
        var yield = _baseline.YieldOf();
        var (names, features) = GradientBoostedTrees.FeaturesByName(history);
        var gcs = SolarGeometry.MeanClearSkyGhiWm2(site, history.Start, history.Step, history.Count);
        var g = irradianceFeature is null ? null : history.Feature(irradianceFeature);
        var ratios = new Dictionary<int, double>();
        var rows = new List<float[]>();
        var labels = new List<float>();
        for (var i = spd; i < history.Count; i++)
        {
            var y = history.Values[i];
            var lagDay = history.Values[i - spd];
            if (double.IsNaN(y) || double.IsNaN(lagDay)) continue;
            var issue = i - DailyCalendar.TimeOfDayIndex(history, i);
            if (!ratios.TryGetValue(issue, out var ratio))
            {
                ratio = ClearSkyPvForecaster.PersistenceRatio(k => history.Values[k], k => gcs[k], issue, spd);
                ratios[issue] = ratio;
            }

            var b = g is null ? ratio * gcs[i] : yield * ClearSkyPvForecaster.CappedIrradiance(g[i], gcs[i]);
            var median = SameTimeMedian(history.Values, i, spd);
            rows.Add(Row(history, i, b, gcs[i], ratio, g is null ? 0 : g[i], lagDay, median, features.Select(f => f[i]).ToArray()));
            labels.Add((float)(y - b));
        }

        GradientBoostedTrees.RequireTrainingRows(rows.Count, spd, MinimumTrainingDays, "a measured value and a measured value a day earlier", "PV regression");
        _model = new Model(history.Step, names, yield, GradientBoostedTrees.Train(kind, seed, rows, labels));
    }

    /// <inheritdoc />
    public double[] Forecast(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures)
    {
        var model = _model ?? throw new InvalidOperationException("Train the forecaster before forecasting.");
        var window = new ForecastWindow(history, start, steps, futureFeatures, model.Step);
        var spd = window.StepsPerDay;
        var s = window.StartIndex;
        var baseline = _baseline.Baseline(window, model.Yield);
        var ratio = ClearSkyPvForecaster.PersistenceRatio(window.ValueAt, k => _baseline.ClearSky(history, k), s, spd);
        var medians = new double[steps];
        SeasonalMedianForecaster.Median(window, medians);
        var rows = new float[steps][];
        for (var j = 0; j < steps; j++)
        {
            var i = s + j;
            var lagDay = window.SeasonalValue(i, spd, MaxPeriodsBack);
            if (double.IsNaN(lagDay)) lagDay = window.RecentMean;
            var g = irradianceFeature is null ? 0 : window.FeatureAt(irradianceFeature, i);
            rows[j] = Row(history, i, baseline[j], _baseline.ClearSky(history, i), ratio, g, lagDay, medians[j], model.FeatureNames.Select(n => window.FeatureAt(n, i)).ToArray());
        }

        var predicted = model.Trees.Predict(rows);
        for (var j = 0; j < steps; j++) window.Forecast[j] = Math.Max(0.0, baseline[j] + predicted[j]);
        return window.Forecast;
    }

    /// <summary>Median of the finite values at the same time of day on the 7 days before the row's own day
    /// (indices <paramref name="index"/> − d·<paramref name="spd"/>, d = 1 … 7, at or after 0); NaN when none is finite.</summary>
    private static double SameTimeMedian(double[] values, int index, int spd)
    {
        var found = new List<double>(SeasonalMedianForecaster.Days);
        for (var d = 1; d <= SeasonalMedianForecaster.Days; d++)
        {
            var k = index - d * spd;
            if (k >= 0 && double.IsFinite(values[k])) found.Add(values[k]);
        }

        if (found.Count == 0) return double.NaN;
        found.Sort();
        var m = found.Count / 2;
        return found.Count % 2 == 1 ? found[m] : (found[m - 1] + found[m]) / 2;
    }

    private static float[] Row(TimeSeriesData data, int index, double baseline, double clearSky, double ratio, double irradiance, double lagDay, double median, double[] featureValues)
    {
        var tod = 2.0 * Math.PI * DailyCalendar.TimeOfDayIndex(data, index) / data.StepsPerDay;
        var doy = 2.0 * Math.PI * (data.DateAt(index).DayOfYear - 1) / 365.25;
        const int fixedCount = 10;
        var x = new float[fixedCount + featureValues.Length];
        x[0] = (float)baseline;
        x[1] = (float)clearSky;
        x[2] = (float)ratio;
        x[3] = clearSky > 0 ? (float)(ClearSkyPvForecaster.CappedIrradiance(irradiance, clearSky) / clearSky) : 0f;
        x[4] = (float)lagDay;
        x[5] = (float)Math.Sin(tod);
        x[6] = (float)Math.Cos(tod);
        x[7] = (float)Math.Sin(doy);
        x[8] = (float)Math.Cos(doy);
        x[9] = double.IsFinite(median) ? (float)median : (float)lagDay;
        for (var f = 0; f < featureValues.Length; f++) x[fixedCount + f] = (float)featureValues[f];
        return x;
    }

    private sealed record Model(TimeSpan Step, string[] FeatureNames, double Yield, GradientBoostedTrees.Fitted Trees);
}

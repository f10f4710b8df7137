using Sems.Forecasting.Solar;

namespace Sems.Forecasting;

/// <summary>
/// The physical PV baseline: the step's mean clear-sky irradiance G_cs (<see cref="SolarGeometry"/>, from the site's
/// latitude and longitude) times a cloud index.
/// <list type="bullet">
/// <item>With an irradiance feature (global horizontal irradiance, W/m², its horizon values being the irradiance
/// forecast): PV = a·min(G, 1.2·G_cs), the forecast irradiance capped at 1.2 times clear sky, with a the least-squares
/// ratio of PV to that irradiance in training (the system's yield per W/m²).</item>
/// <item>Without one, "smart persistence": PV = r·G_cs with r = Σ PV / Σ G_cs over the day before the forecast is
/// issued (yesterday's measured yield over yesterday's clear-sky irradiance; the measured steps only, going back up to
/// 4 days when a day has none).</item>
/// </list>
/// Both are 0 where the sun is down all step.
/// </summary>
/// <param name="site">Where the PV system is.</param>
/// <param name="irradianceFeature">The feature holding global horizontal irradiance (W/m²), or null for smart persistence.</param>
public sealed class ClearSkyPvForecaster(SiteLocation site, string? irradianceFeature = null) : IForecaster
{
    /// <summary>The cloud index is at most this (bright clouds' edges can lift irradiance above clear sky).</summary>
    internal const double MaxClearSkyIndex = 1.2;

    private const int MaxDaysBack = 4;

    private Model? _model;

    /// <inheritdoc />
    public string Name => irradianceFeature is null
        ? "PV clear sky × yesterday's clear-sky index (smart persistence)"
        : $"PV clear sky × cloud index from the forecast of '{irradianceFeature}'";

    /// <inheritdoc />
    public void Train(TimeSeriesData history)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(site);
        var yield = 0.0;
        if (irradianceFeature is not null)
        {
            var g = history.Feature(irradianceFeature) ?? throw new InvalidOperationException($"The history has no feature '{irradianceFeature}' (global horizontal irradiance, W/m²).");
            double sxy = 0, sxx = 0;
            for (var i = 0; i < history.Count; i++)
            {
                if (!double.IsFinite(history.Values[i])) continue;
                var x = CappedIrradiance(g[i], SolarGeometry.MeanClearSkyGhiWm2(site, history.TimeAt(i), history.Step));
                sxy += x * history.Values[i];
                sxx += x * x;
            }

            if (!(sxx > 0)) throw new InvalidOperationException($"The feature '{irradianceFeature}' is 0 wherever the target is measured; no yield per W/m² can be fitted.");
            yield = sxy / sxx;
        }

        _model = new Model(history.Step, yield);
    }

    /// <inheritdoc />
    public double[] Forecast(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures)
    {
        var model = _model ?? throw new InvalidOperationException("Train the forecaster before forecasting.");
        var window = new ForecastWindow(history, start, steps, futureFeatures, model.Step);
        var baseline = Baseline(window, model.Yield);
        Array.Copy(baseline, window.Forecast, steps);
        return window.Forecast;
    }

    /// <summary>The fitted yield per W/m² of forecast irradiance (0 for smart persistence).</summary>
    internal double YieldOf() => (_model ?? throw new InvalidOperationException("Train the forecaster before forecasting.")).Yield;

    /// <summary>The baseline over the window's horizon (see the class remarks).</summary>
    internal double[] Baseline(ForecastWindow window, double yield)
    {
        var s = window.StartIndex;
        var result = new double[window.Steps];
        var ratio = irradianceFeature is null ? PersistenceRatio(window.ValueAt, i => ClearSky(window.History, i), s, window.StepsPerDay) : 0;
        for (var j = 0; j < window.Steps; j++)
        {
            var gcs = ClearSky(window.History, s + j);
            result[j] = irradianceFeature is null
                ? ratio * gcs
                : yield * CappedIrradiance(window.FeatureAt(irradianceFeature, s + j), gcs);
        }

        return result;
    }

    /// <summary>The step's mean clear-sky irradiance at an index of the history's grid, W/m².</summary>
    internal double ClearSky(TimeSeriesData data, int index) => SolarGeometry.MeanClearSkyGhiWm2(site, data.TimeAt(index), data.Step);

    /// <summary>Measured yield over clear-sky irradiance in the day before <paramref name="issue"/> (further back when
    /// that day has no measured daylight step), or 0 when none of the last 4 days has one.</summary>
    internal static double PersistenceRatio(Func<int, double> value, Func<int, double> clearSky, int issue, int spd)
    {
        for (var back = 1; back <= MaxDaysBack; back++)
        {
            double pv = 0, cs = 0;
            for (var k = issue - back * spd; k < issue - (back - 1) * spd; k++)
            {
                if (k < 0) continue;
                var v = value(k);
                if (!double.IsFinite(v)) continue;
                var c = clearSky(k);
                pv += v;
                cs += c;
            }

            if (cs > 0) return Math.Max(0, pv / cs);
        }

        return 0;
    }

    /// <summary>Irradiance in W/m², at most <see cref="MaxClearSkyIndex"/> times clear sky and at least 0.</summary>
    internal static double CappedIrradiance(double irradianceWm2, double clearSkyWm2) =>
        Math.Clamp(irradianceWm2, 0, MaxClearSkyIndex * clearSkyWm2);

    private sealed record Model(TimeSpan Step, double Yield);
}

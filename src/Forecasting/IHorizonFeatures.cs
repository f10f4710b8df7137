namespace Sems.Forecasting;

/// <summary>
/// What a back-test gives a forecaster as the feature series of the horizon (its weather forecast): the measured
/// values (<see cref="MeasuredHorizonFeatures"/>, an upper bound on the skill real forecasts allow) or a degraded
/// forecast (<see cref="Weather.WeatherForecastFeatures"/>).
/// </summary>
public interface IHorizonFeatures
{
    /// <summary>Short description for result tables, e.g. "measured weather".</summary>
    string Name { get; }

    /// <summary>Every feature of <paramref name="all"/> for the <paramref name="steps"/> samples from
    /// <paramref name="startIndex"/>, as known when a forecast is issued at that sample's start time.</summary>
    IReadOnlyDictionary<string, double[]> For(TimeSeriesData all, int startIndex, int steps);
}

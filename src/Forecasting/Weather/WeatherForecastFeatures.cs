namespace Sems.Forecasting.Weather;

/// <summary>
/// Day-ahead weather forecasts for a back-test: the horizon values of the named weather features are
/// <see cref="WeatherForecastError"/> forecasts issued at the forecast's start (for a day-ahead forecast, its
/// midnight) from the measured values; other features are passed measured. The forecast of a sample depends only on
/// the seed, the issue time, the valid time and the measured value at the valid time (the "truth" a real forecast
/// approximates), never on the target.
/// </summary>
/// <param name="error">The seeded error generator.</param>
/// <param name="quantities">Which feature holds which quantity, by feature name.</param>
public sealed class WeatherForecastFeatures(WeatherForecastError error, IReadOnlyDictionary<string, WeatherQuantity> quantities) : IHorizonFeatures
{
    private readonly WeatherForecastError _error = error ?? throw new ArgumentNullException(nameof(error));
    private readonly IReadOnlyDictionary<string, WeatherQuantity> _quantities = quantities is { Count: > 0 }
        ? quantities
        : throw new ArgumentException("At least one weather feature must be named.", nameof(quantities));

    /// <inheritdoc />
    public string Name => $"weather forecast (seed {_error.Seed})";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double[]> For(TimeSeriesData all, int startIndex, int steps)
    {
        ArgumentNullException.ThrowIfNull(all);
        foreach (var name in _quantities.Keys)
        {
            if (all.Feature(name) is null)
                throw new ArgumentException($"The weather feature '{name}' is not among the series' features ({string.Join(", ", all.Features.Keys)}).", nameof(all));
        }

        var issued = all.TimeAt(startIndex);
        var result = new Dictionary<string, double[]>();
        foreach (var (name, measured) in all.Features)
        {
            var horizon = measured.AsSpan(startIndex, steps).ToArray();
            if (_quantities.TryGetValue(name, out var quantity))
            {
                for (var j = 0; j < steps; j++)
                {
                    var valid = all.TimeAt(startIndex + j);
                    horizon[j] = quantity == WeatherQuantity.TemperatureC
                        ? _error.TemperatureC(issued, valid, horizon[j])
                        : _error.IrradianceWm2(issued, valid, horizon[j]);
                }
            }

            result[name] = horizon;
        }

        return result;
    }
}

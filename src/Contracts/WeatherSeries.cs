namespace Sems.Contracts;

/// <summary>
/// Weather on a forecast grain's step grid: sample i is the mean over the step that starts at
/// <see cref="Start"/> + i·step. Measured (<see cref="IForecastGrain.ObserveWeather"/>) or a forecast issued at
/// <see cref="Issued"/> (<see cref="IForecastGrain.SetWeatherForecast"/>).
/// </summary>
/// <param name="Start">Time of the first sample, on the grain's step grid.</param>
/// <param name="Issued">When a forecast was issued (its information ends there); for measurements, the time of the last sample's end.</param>
/// <param name="TemperatureC">Outdoor (2 m) temperature, °C.</param>
/// <param name="IrradianceWm2">Global horizontal irradiance, W/m² (≥ 0).</param>
[GenerateSerializer, Immutable, Alias("sems.WeatherSeries")]
public sealed record WeatherSeries(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset Issued,
    [property: Id(2)] double[] TemperatureC,
    [property: Id(3)] double[] IrradianceWm2)
{
    /// <summary>Feature name of <see cref="TemperatureC"/> in <see cref="ForecastConfiguration.Weather"/>.</summary>
    public const string Temperature = "temperatureC";

    /// <summary>Feature name of <see cref="IrradianceWm2"/> in <see cref="ForecastConfiguration.Weather"/>.</summary>
    public const string Irradiance = "irradianceWm2";

    /// <summary>The feature names a forecast grain accepts.</summary>
    public static readonly string[] Features = [Temperature, Irradiance];
}

namespace Sems.Forecasting.Weather;

/// <summary>Which weather quantity a feature series holds, for <see cref="WeatherForecastFeatures"/>.</summary>
public enum WeatherQuantity
{
    /// <summary>2 m air temperature, °C.</summary>
    TemperatureC,

    /// <summary>Global horizontal irradiance, W/m².</summary>
    IrradianceWm2,
}

namespace Sems.Silo.Simulation;

/// <summary>
/// Forecast errors (relative standard deviations of the twin's own future, seeded) and measurement noise (absolute).
/// </summary>
public sealed record NoiseScenario(
    double HeatLoadForecast = 0.05,
    double EvDemandForecast = 0.10,
    double PvForecast = 0.10,
    double CarbonForecast = 0.05,
    double TemperatureMeasurementC = 0.1,
    double StoreMeasurementKwh = 1.0);

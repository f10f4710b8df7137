namespace Sems.Gateway.Dashboard;

/// <summary>
/// A forecast series a subsystem planned with (e.g. <c>demand:chargers</c>) beside the measurements of the asset it
/// forecasts. <see cref="Forecast"/> holds, per step, the value of the newest forecast made for that step (so past steps
/// show what the plan of their own cycle assumed, future steps the latest horizon); <see cref="Measured"/> the accepted
/// measurements of the asset, by their timestamps.
/// </summary>
public sealed record ForecastComparison(
    string Subsystem,
    string Asset,
    string Series,
    string Unit,
    IReadOnlyList<TimedValue> Forecast,
    IReadOnlyList<TimedValue> Measured);

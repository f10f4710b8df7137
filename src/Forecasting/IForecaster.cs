namespace Sems.Forecasting;

/// <summary>
/// A day-ahead forecaster of a <see cref="TimeSeriesData"/> target: trained once on a history, then asked for the next
/// <c>steps</c> samples from any instant on the history's step grid (a full day is 96 steps of 15 min or 24 steps of
/// 1 h; steps per day follow from <see cref="TimeSeriesData.Step"/>). Implementations are deterministic: the same
/// seed and data give the same forecast.
/// </summary>
public interface IForecaster
{
    /// <summary>Short human-readable name of the method and its settings, e.g. for result tables.</summary>
    string Name { get; }

    /// <summary>
    /// Learns from <paramref name="history"/> (NaN samples are ignored). Training again replaces the previous model.
    /// Throws <see cref="InvalidOperationException"/> when the history is too short for the method.
    /// </summary>
    void Train(TimeSeriesData history);

    /// <summary>
    /// Forecasts <paramref name="steps"/> samples starting at <paramref name="start"/>, in the unit of the target.
    /// </summary>
    /// <param name="history">Measured data up to <paramref name="start"/>, with the step the forecaster was trained on;
    /// samples at or after <paramref name="start"/> are ignored.</param>
    /// <param name="start">First forecast instant, on the step grid of <paramref name="history"/> and after its start.</param>
    /// <param name="steps">Number of samples to forecast (at least 1).</param>
    /// <param name="futureFeatures">Forecast (or, in back-tests, measured) feature series for the horizon, by feature
    /// name, each with at least <paramref name="steps"/> samples starting at <paramref name="start"/>, e.g.
    /// "temperature" in °C. A feature the model uses but that is missing here is assumed to repeat the last measured
    /// day (persistence).</param>
    double[] Forecast(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures);
}

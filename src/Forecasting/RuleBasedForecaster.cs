namespace Sems.Forecasting;

/// <summary>
/// A forecaster with nothing to learn: it applies a fixed rule to the measured history. Training only records the
/// history's step, so that forecasts can check the history they are given against it.
/// </summary>
public abstract class RuleBasedForecaster : IForecaster
{
    private TimeSpan? _step;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>Nothing to learn: records the step so that forecasts can check their history.</summary>
    public void Train(TimeSeriesData history)
    {
        ArgumentNullException.ThrowIfNull(history);
        _step = history.Step;
    }

    /// <inheritdoc />
    public double[] Forecast(TimeSeriesData history, DateTimeOffset start, int steps, IReadOnlyDictionary<string, double[]>? futureFeatures)
    {
        var step = _step ?? throw new InvalidOperationException("Train the forecaster before forecasting.");
        var window = new ForecastWindow(history, start, steps, futureFeatures, step);
        Fill(window);
        return window.Forecast;
    }

    /// <summary>Writes the rule's forecast into <see cref="ForecastWindow.Forecast"/> (all <see cref="ForecastWindow.Steps"/> samples).</summary>
    private protected abstract void Fill(ForecastWindow window);
}

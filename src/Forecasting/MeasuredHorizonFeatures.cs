namespace Sems.Forecasting;

/// <summary>The measured feature values of the horizon stand in for their forecast (perfect weather forecasts).</summary>
public sealed class MeasuredHorizonFeatures : IHorizonFeatures
{
    /// <summary>The one instance.</summary>
    public static MeasuredHorizonFeatures Instance { get; } = new();

    private MeasuredHorizonFeatures()
    {
    }

    /// <inheritdoc />
    public string Name => "measured weather";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double[]> For(TimeSeriesData all, int startIndex, int steps)
    {
        ArgumentNullException.ThrowIfNull(all);
        return all.Features.ToDictionary(f => f.Key, f => f.Value.AsSpan(startIndex, steps).ToArray());
    }
}

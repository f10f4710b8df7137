namespace Sems.Twin;

/// <summary>
/// Gaussian sensor noise for the twin's simulated measurements. Each draw is a pure function of (seed, stream name,
/// timestamp): re-running a simulation, querying in another order, or adding streams gives identical noise, and two
/// streams (e.g. "estate/heat-kw" and "pv/power-kw") are independent. The standard deviation of a reading y is
/// √(σ<sub>abs</sub>² + (σ<sub>rel</sub>·y)²).
/// </summary>
/// <param name="seed">Seed shared by all streams of one simulation.</param>
/// <param name="absoluteStdDev">Absolute standard deviation, in the unit of the measured quantity (≥ 0).</param>
/// <param name="relativeStdDev">Standard deviation as a fraction of the true value (dimensionless, ≥ 0).</param>
public sealed class MeasurementNoise(int seed, double absoluteStdDev = 0.0, double relativeStdDev = 0.0)
{
    /// <summary>Seed shared by all streams.</summary>
    public int Seed => seed;

    /// <summary>Absolute standard deviation, in the unit of the measured quantity.</summary>
    public double AbsoluteStdDev { get; } = absoluteStdDev >= 0.0 ? absoluteStdDev : throw new ArgumentOutOfRangeException(nameof(absoluteStdDev), absoluteStdDev, "Must be non-negative.");

    /// <summary>Relative standard deviation (fraction of the true value).</summary>
    public double RelativeStdDev { get; } = relativeStdDev >= 0.0 ? relativeStdDev : throw new ArgumentOutOfRangeException(nameof(relativeStdDev), relativeStdDev, "Must be non-negative.");

    /// <summary>A standard normal deviate N(0, 1) for <paramref name="stream"/> at <paramref name="t"/>.</summary>
    public double StandardNormal(string stream, DateTimeOffset t) =>
        DeterministicNormal.StandardNormal(seed, DeterministicNormal.StreamId(stream), t.UtcTicks);

    /// <summary>A zero-mean normal deviate with standard deviation <paramref name="standardDeviation"/> for <paramref name="stream"/> at <paramref name="t"/>.</summary>
    public double Sample(string stream, DateTimeOffset t, double standardDeviation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(standardDeviation);
        return standardDeviation * StandardNormal(stream, t);
    }

    /// <summary>
    /// The reading of <paramref name="trueValue"/> on <paramref name="stream"/> at <paramref name="t"/>: the true value
    /// plus noise of standard deviation √(σ<sub>abs</sub>² + (σ<sub>rel</sub>·value)²).
    /// </summary>
    public double Measure(string stream, DateTimeOffset t, double trueValue)
    {
        var relative = RelativeStdDev * trueValue;
        var sigma = Math.Sqrt(AbsoluteStdDev * AbsoluteStdDev + relative * relative);
        return trueValue + sigma * StandardNormal(stream, t);
    }
}

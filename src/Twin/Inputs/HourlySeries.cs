namespace Sems.Twin;

/// <summary>
/// An hourly series placed on the time axis at the instants its values represent (<paramref name="firstSampleTime"/>
/// + k hours), read by linear interpolation between neighbouring samples and held flat beyond the first and last
/// sample. Interpolation uses integer ticks, so a query exactly at a sample time returns that sample unchanged.
/// </summary>
internal sealed class HourlySeries(DateTimeOffset firstSampleTime, double[] values)
{
    private readonly long _firstTicks = firstSampleTime.UtcTicks;

    /// <summary>The mean of the hourly samples.</summary>
    public double Mean => values.Average();

    /// <summary>The same samples at the same instants, each multiplied by <paramref name="factor"/>.</summary>
    public HourlySeries Scaled(double factor) => new(firstSampleTime, values.Select(v => v * factor).ToArray());

    public double Interpolate(DateTimeOffset t)
    {
        var offset = t.UtcTicks - _firstTicks;
        if (offset <= 0)
        {
            return values[0];
        }

        var index = offset / TimeSpan.TicksPerHour;
        if (index >= values.Length - 1)
        {
            return values[^1];
        }

        var remainder = offset % TimeSpan.TicksPerHour;
        if (remainder == 0)
        {
            return values[index];
        }

        var fraction = remainder / (double)TimeSpan.TicksPerHour;
        return values[index] + fraction * (values[index + 1] - values[index]);
    }
}

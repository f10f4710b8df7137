namespace Sems.Engine.Limits;

/// <summary>Instants as UTC ticks, so that every comparison is of instants whatever the offsets.</summary>
internal static class LimitTime
{
    /// <summary>Start + n·Resolution in UTC ticks, saturating at <see cref="DateTimeOffset.MaxValue"/>; the start
    /// itself when the resolution is not positive or there are no intervals (an empty span).</summary>
    public static long EndTicks(LimitRequest request)
    {
        var start = request.Start.UtcTicks;
        var n = request.ImportMaxKw?.Count ?? 0;
        var resolution = request.Resolution.Ticks;
        if (n == 0 || resolution <= 0) return start;
        var max = DateTimeOffset.MaxValue.UtcTicks;
        return resolution > (max - start) / n ? max : start + n * resolution;
    }

    /// <summary>Where a version applies: [start, min(end, cancelled)), in UTC ticks; empty when cancelled before it starts.</summary>
    public static (long Start, long End) Applies(LimitVersion version)
    {
        var start = version.Request.Start.UtcTicks;
        var end = EndTicks(version.Request);
        if (version.CancelledAt is { } cancelled) end = Math.Min(end, cancelled.UtcTicks);
        return (start, Math.Max(start, end));
    }

    /// <summary>When a version stops applying: min(end, cancelled), in UTC ticks.</summary>
    public static long EndsAt(LimitVersion version)
    {
        var end = EndTicks(version.Request);
        return version.CancelledAt is { } cancelled ? Math.Min(end, cancelled.UtcTicks) : end;
    }

    public static bool SameTarget(LimitVersion version, string node, string resource) =>
        string.Equals(version.Request.Node, node, StringComparison.Ordinal)
        && string.Equals(version.Request.Resource, resource, StringComparison.Ordinal);

    public static long StepTicks(int stepMinutes, string parameter)
    {
        if (stepMinutes is < 1 or > 1440) throw new ArgumentOutOfRangeException(parameter, stepMinutes, "stepMinutes must be in [1, 1440] minutes");
        return stepMinutes * TimeSpan.TicksPerMinute;
    }

    /// <summary>The UTC ticks of each step start, horizonStart + i·Δt, refusing a horizon that runs beyond the calendar.</summary>
    public static long[] StepStarts(DateTimeOffset horizonStart, long stepTicks, int steps, string parameter)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(parameter, steps, "the number of steps must not be negative");
        var start = horizonStart.UtcTicks;
        if (steps > 0 && steps - 1 > (DateTimeOffset.MaxValue.UtcTicks - start) / stepTicks)
        {
            throw new ArgumentOutOfRangeException(parameter, steps, "the horizon runs beyond the year 9999");
        }

        var starts = new long[steps];
        for (var i = 0; i < steps; i++) starts[i] = start + i * stepTicks;
        return starts;
    }
}

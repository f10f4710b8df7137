namespace Sems.Grains;

/// <summary>
/// SEMS time running <see cref="Scale"/>× faster than <paramref name="inner"/> from <paramref name="origin"/> on
/// (<c>sems serve --time-scale N</c>): GetUtcNow is origin + N·(inner now − origin); timers' due times and periods are
/// SEMS durations, fired after 1/N of them in inner time. Timestamps (Stopwatch) stay in wall time.
/// </summary>
public sealed class ScaledTimeProvider(TimeProvider inner, double scale, DateTimeOffset origin) : TimeProvider
{
    private readonly TimeProvider _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    public double Scale { get; } = scale > 0 && double.IsFinite(scale) ? scale : throw new ArgumentOutOfRangeException(nameof(scale), scale, "the time scale must be a finite number > 0");

    public override DateTimeOffset GetUtcNow() => origin + (_inner.GetUtcNow() - origin) * Scale;

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, ToInner(dueTime), ToInner(period));

    /// <summary>A SEMS duration in inner (wall) time.</summary>
    public TimeSpan ToInner(TimeSpan semsTime) => semsTime == Timeout.InfiniteTimeSpan ? semsTime : semsTime / Scale;

    /// <summary>How a SEMS duration converts to wall time on <paramref name="clock"/> (unscaled clocks: 1:1).</summary>
    public static TimeSpan WallTime(TimeProvider clock, TimeSpan semsTime) => clock is ScaledTimeProvider scaled ? scaled.ToInner(semsTime) : semsTime;
}

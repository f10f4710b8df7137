namespace Sems.Grains;

/// <summary>
/// A clock that runs <see cref="Scale"/> times as fast as a real one: from <see cref="Start"/> at the moment it is
/// created, it reads <c>Start + (real − real at creation) · Scale</c>, and a timer due in <c>d</c> of its time fires
/// after <c>d / Scale</c> of real time (periods likewise). Timestamps (<see cref="GetTimestamp"/>) stay those of the
/// real clock, so elapsed wall time measured with it is real. <c>sems serve --time-scale N</c> runs the SEMS grains on it.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    /// <summary>The largest scale accepted (10,000× real time: a 15-minute step every 0.09 s).</summary>
    public const double MaxScale = 10_000;

    private readonly TimeProvider _real;
    private readonly DateTimeOffset _realOrigin;

    /// <param name="real">The real clock (<see cref="TimeProvider.System"/>, or a fake one in tests).</param>
    /// <param name="start">What this clock reads at the moment it is created.</param>
    /// <param name="scale">How many times faster than <paramref name="real"/> it runs: above 0, at most <see cref="MaxScale"/>.</param>
    public ScaledTimeProvider(TimeProvider real, DateTimeOffset start, double scale, DateTimeOffset? realOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        if (!(scale > 0 && scale <= MaxScale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, $"the scale must be above 0 and at most {MaxScale}");
        _real = real;
        _realOrigin = realOrigin ?? real.GetUtcNow();
        Start = start;
        Scale = scale;
    }

    public DateTimeOffset Start { get; }

    public double Scale { get; }

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override long GetTimestamp() => _real.GetTimestamp();

    public override DateTimeOffset GetUtcNow()
    {
        var elapsed = _real.GetUtcNow() - _realOrigin;
        return Start + TimeSpan.FromTicks(checked((long)Math.Round(elapsed.Ticks * Scale)));
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new ScaledTimer(_real.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);
    }

    /// <summary>The real duration of <paramref name="scaled"/> of this clock's time; <see cref="Timeout.InfiniteTimeSpan"/> stays infinite.</summary>
    public TimeSpan ToReal(TimeSpan scaled) =>
        scaled == Timeout.InfiniteTimeSpan || scaled < TimeSpan.Zero ? scaled : TimeSpan.FromTicks((long)Math.Ceiling(scaled.Ticks / Scale));

    /// <summary>The wall time that <paramref name="semsTime"/> of SEMS time takes on <paramref name="clock"/> (the same span unless it is scaled).</summary>
    public static TimeSpan WallTime(TimeProvider clock, TimeSpan semsTime) => clock is ScaledTimeProvider scaled ? scaled.ToReal(semsTime) : semsTime;

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToReal(dueTime), clock.ToReal(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

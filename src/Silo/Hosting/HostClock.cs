namespace Sems.Silo.Hosting;

/// <summary>
/// The real clock Orleans' own services run on in a SEMS host: the time of <see cref="TimeProvider.System"/> (or of
/// the clock it wraps) and timestamps that count from when it was created rather than from the machine's boot.
/// </summary>
/// <remarks>
/// Orleans' silo watchdog starts its platform-check thread before it records the first component-check timestamp;
/// when that thread runs first it measures the time since timestamp 0, which for the system clock is the machine's
/// uptime, and logs "Participant check thread has not completed for &lt;uptime&gt;" and a local health complaint at
/// start-up. Timestamps are only ever compared with each other, so counting them from this clock's creation changes
/// no measured duration and makes that first reading the time since the host was built: seconds, not the uptime.
/// </remarks>
public sealed class HostClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly long _origin;

    public HostClock()
        : this(System)
    {
    }

    public HostClock(TimeProvider inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _origin = inner.GetTimestamp();
    }

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp() - _origin;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, dueTime, period);
}

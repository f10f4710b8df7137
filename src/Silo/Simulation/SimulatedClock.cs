namespace Sems.Silo.Simulation;

/// <summary>
/// The clock the grains run on during a co-simulation: the driver sets it to the simulated time of each step, so
/// measurement freshness and set-point validity are judged in simulated time and 14 days run in seconds.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset time) => Interlocked.Exchange(ref _utcTicks, time.UtcTicks);
}

using Orleans.Concurrency;
using Sems.Contracts.Status;

namespace Sems.Contracts;

/// <summary>
/// The event log of one district (key: district name) that status and set-point streams follow: a monotonic sequence
/// (persisted), the latest events (bounded, in memory), the connection point's meter readings and the committed
/// violation of the last 24 hours. Written by the coordinator and the limits grain; it calls no other grain.
/// </summary>
[Alias("sems.IDistrictStatusGrain")]
public interface IDistrictStatusGrain : IGrainWithStringKey
{
    [Alias("PublishCycle")]
    Task PublishCycle(CycleNotice notice);

    [Alias("PublishLimitChange")]
    Task PublishLimitChange(long version);

    [Alias("PublishDistrictChange")]
    Task PublishDistrictChange();

    /// <summary>Stores a meter reading (the newest per resource wins; an older one is ignored).</summary>
    [Alias("RecordMeter")]
    Task RecordMeter(MeterReading reading);

    [Alias("GetMeter"), AlwaysInterleave, ReadOnly]
    Task<MeterReading?> GetMeter(string resource);

    /// <summary>Σ of the committed first steps' violations (kWh) whose step started in the 24 h before <paramref name="now"/>.</summary>
    [Alias("GetViolationLast24h"), AlwaysInterleave, ReadOnly]
    Task<double> GetViolationLast24h(string resource, DateTimeOffset now);

    /// <summary>
    /// The events after <paramref name="afterSequence"/> (at most <paramref name="max"/>); when there are none yet, waits up
    /// to <paramref name="wait"/> for one (a long poll that never blocks publishers).
    /// </summary>
    [Alias("WaitEvents"), AlwaysInterleave, ReadOnly]
    Task<DistrictEventPage> WaitEvents(ulong afterSequence, int max, TimeSpan wait);
}

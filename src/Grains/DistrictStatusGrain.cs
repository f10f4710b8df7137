using Microsoft.Extensions.DependencyInjection;
using Sems.Contracts;
using Sems.Contracts.Status;

namespace Sems.Grains;

/// <summary>
/// A district's event log for the status and set-point streams. Publishing appends an event with the next sequence (the
/// sequence is persisted, the events themselves are kept in memory, at most <see cref="EventsKept"/>) and wakes every
/// waiting reader; readers long-poll with <see cref="WaitEvents"/>, which interleaves, so a slow reader never holds up a
/// publisher. After a restart the sequence continues and a reader asking for lost events learns where the gap is.
/// </summary>
public sealed class DistrictStatusGrain(
    [PersistentState("district-status", SemsGrainOptions.Storage)] IPersistentState<DistrictStatusState> state,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock) : Grain, IDistrictStatusGrain
{
    public const int EventsKept = 1000;
    private static readonly TimeSpan ViolationWindow = TimeSpan.FromHours(24);
    private readonly List<DistrictEvent> _events = [];
    private TaskCompletionSource _published = NewSignal();

    /// <summary>The newest sequence whose event readers can see: a sequence is counted only once its event is kept.</summary>
    private ulong _latest;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _latest = state.State.Sequence;
        return Task.CompletedTask;
    }

    public async Task PublishCycle(CycleNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var recent = state.State.RecentCycles;
        recent.RemoveAll(c => c.Cycle == notice.Cycle || c.StepStart <= notice.StepStart - ViolationWindow);
        recent.Add(notice);
        await Append(DistrictEventKind.Cycle, notice.Cycle, 0);
    }

    public Task PublishLimitChange(long version) => Append(DistrictEventKind.LimitChange, 0, version);

    public Task PublishDistrictChange() => Append(DistrictEventKind.District, 0, 0);

    public async Task RecordMeter(MeterReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (state.State.Meters.TryGetValue(reading.Resource, out var held) && held.MeasuredAt >= reading.MeasuredAt) return;
        state.State.Meters[reading.Resource] = reading;
        await state.WriteStateAsync();
    }

    public Task<MeterReading?> GetMeter(string resource) =>
        Task.FromResult(state.State.Meters.GetValueOrDefault(resource));

    public Task<double> GetViolationLast24h(string resource, DateTimeOffset now) =>
        Task.FromResult(state.State.RecentCycles
            .Where(c => c.StepStart > now - ViolationWindow && c.StepStart <= now)
            .Sum(c => c.FirstStepViolationKwh.GetValueOrDefault(resource)));

    public async Task<DistrictEventPage> WaitEvents(ulong afterSequence, int max, TimeSpan wait)
    {
        max = Math.Clamp(max, 1, EventsKept);
        if (_latest <= afterSequence && wait > TimeSpan.Zero)
        {
            // Wait on the real clock: a long poll is about the reader's connection, not SEMS time.
            var signal = _published.Task;
            await Task.WhenAny(signal, Task.Delay(wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1)));
        }

        var events = _events.Where(e => e.Sequence > afterSequence).Take(max).ToArray();
        var oldest = _events.Count > 0 ? _events[0].Sequence : _latest + 1;
        return new DistrictEventPage(events, oldest, _latest);
    }

    private async Task Append(DistrictEventKind kind, int cycle, long version)
    {
        // Readers interleave with the write below: they see the new sequence only together with its event.
        var sequence = ++state.State.Sequence;
        await state.WriteStateAsync();
        _events.Add(new DistrictEvent(sequence, kind, clock.GetUtcNow(), cycle, version));
        if (_events.Count > EventsKept) _events.RemoveRange(0, _events.Count - EventsKept);
        _latest = Math.Max(_latest, sequence);
        var woken = _published;
        _published = NewSignal();
        woken.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

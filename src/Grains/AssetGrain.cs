using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Sems.Contracts;
using Sems.Contracts.History;
using Sems.Grains.Telemetry;

namespace Sems.Grains;

/// <summary>
/// One supply, store or demand: validates and keeps measurements, holds the latest set-point, writes both to the history.
/// </summary>
/// <remarks>
/// Writes are group commits: a call changes the state in one turn (no await between check and change), then waits for a
/// write of the grain state that began after its change. While a write is under way, every call that arrives
/// interleaves (the grain is reentrant), makes its change and joins the one write that follows, so a burst of
/// measurements costs about two writes instead of one each. A call returns only once a write holding its change has
/// completed, and fails if that write fails: a measurement acknowledged as accepted is a measurement stored. Reads may
/// see a change whose write is still under way; such a change is never acknowledged before it is stored.
/// </remarks>
[Reentrant]
public sealed class AssetGrain(
    [PersistentState("asset", SemsGrainOptions.Storage)] IPersistentState<AssetState> state,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock,
    IOptions<SemsGrainOptions> options,
    ILogger<AssetGrain> logger,
    IHistorySink? history = null) : Grain, IAssetGrain
{
    private readonly IHistorySink _history = history ?? NullHistorySink.Instance;
    private SemsInstrumentation? _instrumentation;
    private TaskCompletionSource? _nextWrite;
    private bool _writing;

    public async Task Configure(AssetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (state.State.Definition == definition) return;
        state.State.Definition = definition;
        await Persist();
    }

    public async Task<MeasurementReceipt> Record(Measurement measurement)
    {
        var now = clock.GetUtcNow();
        var receipt = MeasurementValidator.Check(state.State.Definition, state.State.Latest, measurement, now, options.Value.ClockSkew);
        Instrumentation.MeasurementChecked(Key().District, receipt);
        if (receipt.Accepted)
        {
            state.State.Latest = measurement;
            state.State.Accepted++;
        }
        else
        {
            state.State.Rejected[receipt.Category!] = state.State.Rejected.GetValueOrDefault(receipt.Category!) + 1;
            Log.MeasurementRejected(logger, this.GetPrimaryKeyString(), receipt.Category!, receipt.Reason!);
        }

        var (district, subsystem, asset) = Key();
        if (measurement is not null)
        {
            _history.Record(new MeasurementRecord(district, measurement.Timestamp, subsystem, asset, measurement.Quantity ?? "",
                measurement.Values?.ToArray() ?? [], measurement.Unit ?? "", now, receipt.Accepted, receipt.Accepted ? null : $"{receipt.Category}: {receipt.Reason}"));
        }

        await Persist();
        return receipt;
    }

    public Task<AssetSnapshot> GetSnapshot() => Task.FromResult(new AssetSnapshot(
        state.State.Definition, state.State.Latest, state.State.Setpoint, state.State.Accepted, new Dictionary<string, int>(state.State.Rejected)));

    public Task<Measurement?> GetFreshMeasurement()
    {
        var latest = state.State.Latest;
        var maxAge = state.State.Definition?.MaxAge ?? TimeSpan.Zero;
        return Task.FromResult(latest is not null && latest.Timestamp >= clock.GetUtcNow() - maxAge ? latest : null);
    }

    public async Task CommitSetpoint(AssetSetpoint setpoint)
    {
        ArgumentNullException.ThrowIfNull(setpoint);
        state.State.Setpoint = setpoint;
        var (district, subsystem, asset) = Key();
        _history.Record(new SetpointRecord(district, setpoint.ValidFrom, subsystem, asset, setpoint.Cycle, setpoint.ValidUntil, setpoint.Values, setpoint.Source));
        await Persist();
    }

    public Task HoldSetpoint(int cycle, DateTimeOffset validFrom, DateTimeOffset validUntil) =>
        CommitSetpoint(new AssetSetpoint(cycle, validFrom, validUntil, state.State.Setpoint?.Values ?? new Dictionary<string, double>(), "fallback"));

    public Task<AssetSetpoint?> GetSetpoint() => Task.FromResult(state.State.Setpoint);

    /// <summary>
    /// Completes when a write that began after this call has completed (the group commit of every change made since the
    /// last write began). Call it in the same turn as the change, with no await in between.
    /// </summary>
    private Task Persist()
    {
        var next = _nextWrite ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writing) _ = WriteLoop();
        return next.Task;
    }

    /// <summary>Writes while changes wait for a write, one write at a time (one grain state, one etag).</summary>
    private async Task WriteLoop()
    {
        _writing = true;
        try
        {
            while (_nextWrite is { } group)
            {
                _nextWrite = null;
                try
                {
                    await state.WriteStateAsync();
                    group.SetResult();
                }
                catch (Exception e)
                {
                    group.SetException(e);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private SemsInstrumentation Instrumentation => _instrumentation ??= SemsInstrumentation.From(ServiceProvider);

    /// <summary>"district/subsystem/asset" in parts (ids never contain '/').</summary>
    private (string District, string Subsystem, string Asset) Key()
    {
        var parts = this.GetPrimaryKeyString().Split('/');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : (parts[0], "", parts[^1]);
    }
}

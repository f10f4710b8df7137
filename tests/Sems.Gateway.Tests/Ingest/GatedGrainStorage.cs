using Orleans.Runtime;
using Orleans.Storage;
using Sems.Grains;

namespace Sems.Gateway.Tests.Ingest;

/// <summary>
/// A grain storage for the "sems" provider whose writes can be held at a gate: a write is durable when its
/// <see cref="WriteStateAsync{T}"/> completes. For asset grains it keeps, per grain, how many writes completed and the
/// accepted count each one carried (captured when the write began), so a test can tell what is stored.
/// </summary>
public sealed class GatedGrainStorage : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, (int Writes, int Accepted)> _stored = [];
    private TaskCompletionSource _open = Opened();
    private TaskCompletionSource _writeHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _fail;

    /// <summary>Writes from now on wait until <see cref="Open"/>; <see cref="WriteHeld"/> completes when one is waiting.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _writeHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Open()
    {
        lock (_gate) _open.TrySetResult();
    }

    /// <summary>The next write fails with <paramref name="failure"/> (and stores nothing).</summary>
    public void FailNextWrite(Exception failure)
    {
        lock (_gate) _fail = failure;
    }

    public Task WriteHeld
    {
        get
        {
            lock (_gate) return _writeHeld.Task;
        }
    }

    /// <summary>Completed writes of an asset grain and the accepted count of the last one.</summary>
    public (int Writes, int Accepted) Stored(GrainId grain)
    {
        lock (_gate) return _stored.GetValueOrDefault(grain);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var accepted = grainState.State is AssetState asset ? asset.Accepted : 0;
        Task open;
        Exception? fail;
        lock (_gate)
        {
            open = _open.Task;
            if (!open.IsCompleted) _writeHeld.TrySetResult();
            fail = _fail;
            _fail = null;
        }

        await open;
        if (fail is not null) throw fail;
        lock (_gate)
        {
            if (grainState.State is AssetState) _stored[grainId] = (_stored.GetValueOrDefault(grainId).Writes + 1, accepted);
        }

        grainState.ETag = Guid.NewGuid().ToString("N");
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}

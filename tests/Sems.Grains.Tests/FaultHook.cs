using System.Collections.Concurrent;

namespace Sems.Grains.Tests;

/// <summary>Test-only faults before a subsystem's solve, by subsystem key ("district/subsystem"): throw, or wait for a release.</summary>
public sealed class FaultHook : ISolveHook
{
    private readonly ConcurrentDictionary<string, Func<int, string, Task>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _configureFaults = new(StringComparer.Ordinal);

    public void Throw(string subsystemKey, string message) =>
        _faults[subsystemKey] = (_, _) => throw new InvalidOperationException(message);

    /// <summary>The subsystem's solves wait until the returned gate is released; <see cref="Gate.Entered"/> completes when one waits.</summary>
    public Gate Block(string subsystemKey)
    {
        var gate = new Gate();
        _faults[subsystemKey] = async (_, _) =>
        {
            gate.SignalEntered();
            await gate.Released;
        };
        return gate;
    }

    public void Clear(string subsystemKey)
    {
        _faults.TryRemove(subsystemKey, out _);
        _configureFaults.TryRemove(subsystemKey, out _);
    }

    /// <summary>The subsystem refuses to prepare any definition version (its Configure throws).</summary>
    public void RefuseConfigure(string subsystemKey, string message) => _configureFaults[subsystemKey] = message;

    public Task BeforeConfigureAsync(string subsystemKey, int version) =>
        _configureFaults.TryGetValue(subsystemKey, out var message) ? throw new InvalidOperationException(message) : Task.CompletedTask;

    public Task BeforeSolveAsync(string subsystemKey, int cycle, string stage) =>
        _faults.TryGetValue(subsystemKey, out var fault) ? fault(cycle, stage) : Task.CompletedTask;

    /// <summary>Holds solves until <see cref="Release"/>.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public Task Released => _released.Task;

        public void SignalEntered() => _entered.TrySetResult();

        public void Release() => _released.TrySetResult();
    }
}

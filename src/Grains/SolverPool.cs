using Microsoft.Extensions.Options;
using Sems.Engine.Mpc;

namespace Sems.Grains;

/// <summary>
/// Bounds how many CPU-bound engine solves run at once in this silo (<see cref="SemsGrainOptions.SolverConcurrency"/>,
/// default one per processor) and runs them on the thread pool, never on Orleans' scheduler threads. It also keeps the
/// silo's warm <see cref="SubsystemSession"/>s, one per owner (a subsystem grain), at most
/// <see cref="SemsGrainOptions.MaxWarmSessions"/> of them loaded: the least recently used one is unloaded first (its
/// owner's next solve is cold). Register as a singleton; grains without one use <see cref="Shared"/>.
/// </summary>
public sealed class SolverPool : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly Lock _sessionsLock = new();
    private readonly Dictionary<string, LinkedListNode<(string Owner, SubsystemSession Session)>> _sessions = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Owner, SubsystemSession Session)> _recent = new();

    public SolverPool(IOptions<SemsGrainOptions> options)
        : this(options?.Value.SolverConcurrency is > 0 and var n ? n : Environment.ProcessorCount, options?.Value.MaxWarmSessions ?? new SemsGrainOptions().MaxWarmSessions)
    {
    }

    public SolverPool(int concurrency, int maxWarmSessions = 500)
    {
        if (concurrency < 1) throw new ArgumentOutOfRangeException(nameof(concurrency), concurrency, "a solver pool needs at least one slot");
        if (maxWarmSessions < 0) throw new ArgumentOutOfRangeException(nameof(maxWarmSessions), maxWarmSessions, "MaxWarmSessions must be 0 (no cap) or more");
        Concurrency = concurrency;
        MaxWarmSessions = maxWarmSessions;
        _slots = new SemaphoreSlim(concurrency, concurrency);
    }

    /// <summary>The pool of a silo whose host registered none.</summary>
    public static SolverPool Shared { get; } = new(Environment.ProcessorCount);

    public int Concurrency { get; }

    /// <summary>Most warm sessions kept; 0 for no cap.</summary>
    public int MaxWarmSessions { get; }

    /// <summary>Warm sessions held now.</summary>
    public int WarmSessionCount
    {
        get
        {
            lock (_sessionsLock) return _sessions.Count;
        }
    }

    /// <summary>Solves run through this pool since it was made (for operators' metrics and tests).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    private long _runs;

    /// <summary>Waits for a slot, then runs <paramref name="solve"/> on the thread pool.</summary>
    public async Task<T> RunAsync<T>(Func<T> solve, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solve);
        Interlocked.Increment(ref _runs);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(solve, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Waits for a slot, then runs <paramref name="solve"/> on the thread pool with <paramref name="owner"/>'s warm
    /// session (created when it has none), which no other solve uses meanwhile.
    /// </summary>
    public Task<T> RunAsync<T>(string owner, Func<SubsystemSession, T> solve, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(solve);
        return RunAsync(() =>
        {
            var (session, evicted) = Acquire(owner);
            if (evicted is not null) Unload(evicted);
            lock (session) return solve(session);
        }, cancellationToken);
    }

    /// <summary>Drops <paramref name="owner"/>'s warm session (a deactivating grain), freeing its native model.</summary>
    public void Release(string owner)
    {
        SubsystemSession? session = null;
        lock (_sessionsLock)
        {
            if (_sessions.Remove(owner, out var node))
            {
                _recent.Remove(node);
                session = node.Value.Session;
            }
        }

        if (session is not null) Unload(session);
    }

    private (SubsystemSession Session, SubsystemSession? Evicted) Acquire(string owner)
    {
        lock (_sessionsLock)
        {
            if (_sessions.TryGetValue(owner, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return (node.Value.Session, null);
            }

            var session = new SubsystemSession();
            _sessions[owner] = _recent.AddFirst((owner, session));
            if (MaxWarmSessions == 0 || _sessions.Count <= MaxWarmSessions) return (session, null);
            var last = _recent.Last!;
            _recent.RemoveLast();
            _sessions.Remove(last.Value.Owner);
            return (session, last.Value.Session);
        }
    }

    /// <summary>Unloads a session once no solve uses it; the object stays valid (an owner still holding it solves cold).</summary>
    private static void Unload(SubsystemSession session)
    {
        lock (session) session.Reset();
    }

    public void Dispose()
    {
        lock (_sessionsLock)
        {
            foreach (var (_, session) in _recent) Unload(session);
            _sessions.Clear();
            _recent.Clear();
        }

        _slots.Dispose();
    }
}

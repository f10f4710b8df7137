using Microsoft.Extensions.Options;

namespace Sems.Grains;

/// <summary>
/// Bounds how many CPU-bound engine solves run at once in this silo (<see cref="SemsGrainOptions.SolverConcurrency"/>,
/// default one per processor) and runs them on the thread pool, never on Orleans' scheduler threads. Register as a
/// singleton; grains without one use <see cref="Shared"/>.
/// </summary>
public sealed class SolverPool : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public SolverPool(IOptions<SemsGrainOptions> options)
        : this(options?.Value.SolverConcurrency is > 0 and var n ? n : Environment.ProcessorCount)
    {
    }

    public SolverPool(int concurrency)
    {
        if (concurrency < 1) throw new ArgumentOutOfRangeException(nameof(concurrency), concurrency, "a solver pool needs at least one slot");
        Concurrency = concurrency;
        _slots = new SemaphoreSlim(concurrency, concurrency);
    }

    /// <summary>The pool of a silo whose host registered none.</summary>
    public static SolverPool Shared { get; } = new(Environment.ProcessorCount);

    public int Concurrency { get; }

    /// <summary>Waits for a slot, then runs <paramref name="solve"/> on the thread pool.</summary>
    public async Task<T> RunAsync<T>(Func<T> solve, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solve);
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

    public void Dispose() => _slots.Dispose();
}

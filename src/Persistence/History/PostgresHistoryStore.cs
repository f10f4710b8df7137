using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Sems.Contracts.History;

namespace Sems.Persistence.History;

/// <summary>
/// The PostgreSQL history store. <see cref="Record"/> puts the record on a bounded queue and returns at once; a
/// background writer takes up to <see cref="HistoryOptions.BatchSize"/> records at a time and writes them in one
/// transaction with binary COPY. A batch that fails for any reason other than invalid data is kept and retried, with
/// the wait doubling from <see cref="HistoryOptions.RetryInitialDelay"/> to <see cref="HistoryOptions.RetryMaxDelay"/>,
/// until PostgreSQL takes it, so an outage or restart of the server loses nothing that was queued; a batch is written
/// exactly once even when only its commit acknowledgement was lost. While the writer waits, the queue fills; when it is
/// full, new records are dropped and counted. Audit entries are the exception: they do not count against
/// <see cref="HistoryOptions.QueueCapacity"/> and are never dropped for a full queue (they come at the API's rate,
/// not the cycles'). A batch PostgreSQL refuses as invalid data is retried record by record
/// and only the refused records are counted as rejected. Stopping drains the queue for up to
/// <see cref="HistoryOptions.DrainTimeout"/>; what is still queued then is counted as lost.
/// </summary>
public sealed partial class PostgresHistoryStore : IHistorySink, IHistoryReader, IHistoryStoreStatistics, IHostedService, IAsyncDisposable, IDisposable
{
    private readonly HistoryOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly NpgsqlDataSource dataSource;
    private readonly Channel<HistoryRecord> queue;
    private readonly CancellationTokenSource stopping = new();
    private Task writer = Task.CompletedTask;
    private Task retention = Task.CompletedTask;
    private long enqueued;
    private long queuedBounded;
    private long written;
    private long dropped;
    private long retried;
    private long duplicates;
    private long rejected;
    private long lost;
    private long inFlight;
    private bool disposed;

    public PostgresHistoryStore(IOptions<HistoryOptions> options, TimeProvider? time = null, ILogger<PostgresHistoryStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        if (this.options.Validate() is { Count: > 0 } problems) throw new OptionsValidationException(HistoryOptions.Section, typeof(HistoryOptions), problems);
        if (string.IsNullOrWhiteSpace(this.options.ConnectionString)) throw new OptionsValidationException(HistoryOptions.Section, typeof(HistoryOptions), ["History:ConnectionString is required by the PostgreSQL history store."]);
        this.time = time ?? TimeProvider.System;
        this.logger = logger ?? NullLogger<PostgresHistoryStore>.Instance;
        dataSource = NpgsqlDataSource.Create(this.options.ConnectionString);
        // Unbounded, with QueueCapacity enforced by queuedBounded for every record but audit entries. Not SingleReader,
        // though one writer reads: only the multi-reader channel can count what it holds (Counters.Pending).
        queue = Channel.CreateUnbounded<HistoryRecord>(new UnboundedChannelOptions
        {
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public HistoryStoreCounters Counters => new(
        Interlocked.Read(ref enqueued),
        Interlocked.Read(ref written),
        Interlocked.Read(ref dropped),
        Interlocked.Read(ref retried),
        Interlocked.Read(ref duplicates),
        Interlocked.Read(ref rejected),
        Interlocked.Read(ref lost),
        queue.Reader.Count + Interlocked.Read(ref inFlight));

    /// <inheritdoc />
    public void Record(HistoryRecord record)
    {
        if (record is null) return;
        var bounded = record is not AuditRecord;
        if (!bounded || Interlocked.Increment(ref queuedBounded) <= options.QueueCapacity)
        {
            if (queue.Writer.TryWrite(record))
            {
                Interlocked.Increment(ref enqueued);
                return;
            }
        }
        if (bounded) Interlocked.Decrement(ref queuedBounded);
        if (Interlocked.Increment(ref dropped) is var n && (n & (n - 1)) == 0) LogDropped(n, options.QueueCapacity);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryRecord>> ReadAsync(string district, HistoryKind? kind, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken) =>
        PostgresHistoryQuery.ReadAsync(dataSource, district, kind, from, to, limit, cancellationToken);

    /// <summary>Starts the writer (and retention, when <see cref="HistoryOptions.RetentionDays"/> or <see cref="HistoryOptions.AuditRetentionDays"/> is set).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        writer = Task.Run(() => WriteLoopAsync(stopping.Token), CancellationToken.None);
        if (options.RetentionDays > 0 || options.AuditRetentionDays > 0) retention = Task.Run(() => RetentionLoopAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Refuses new records, drains the queue for up to <see cref="HistoryOptions.DrainTimeout"/> (or until <paramref name="cancellationToken"/>), then stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        using var deadline = new CancellationTokenSource(options.DrainTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        await using (linked.Token.Register(stopping.Cancel))
        {
            await writer.ConfigureAwait(false);
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        await retention.ConfigureAwait(false);
        var left = queue.Reader.Count;
        while (queue.Reader.TryRead(out _)) { }
        if (left > 0)
        {
            Interlocked.Add(ref lost, left);
        }
        var c = Counters;
        LogStopped(c.Written, c.Dropped, c.Retried, c.Lost);
    }

    /// <summary>
    /// Deletes rows whose time is before <paramref name="cutoff"/> from every history table but the audit log (see
    /// <see cref="DeleteAuditOlderThanAsync"/>); returns how many parent rows went.
    /// </summary>
    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long deleted = 0;
        foreach (var table in new[] { "history_measurement", "history_forecast", "history_plan", "history_setpoint", "history_report", "history_limit_change" })
        {
            await using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE at < $1", connection);
            command.Parameters.AddWithValue(cutoff.UtcDateTime);
            deleted += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var batches = new NpgsqlCommand("DELETE FROM history_batch WHERE written_at < $1", connection))
        {
            batches.Parameters.AddWithValue(cutoff.UtcDateTime);
            await batches.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return deleted;
    }

    /// <summary>Deletes the audit entries (<c>sems_audit</c>) whose time is before <paramref name="cutoff"/>; returns how many went.</summary>
    public async Task<long> DeleteAuditOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM sems_audit WHERE at < $1", connection);
        command.Parameters.AddWithValue(cutoff.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the writer without draining (what is queued is lost; call <see cref="StopAsync"/> first to drain) and closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        queue.Writer.TryComplete();
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(writer, retention).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        stopping.Dispose();
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>For containers disposed synchronously: the same as <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<HistoryRecord>(Math.Min(options.BatchSize, 65_536));
        try
        {
            while (await queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (batch.Count < options.BatchSize && queue.Reader.TryRead(out var record))
                {
                    if (record is not AuditRecord) Interlocked.Decrement(ref queuedBounded);
                    batch.Add(record);
                }
                Interlocked.Exchange(ref inFlight, batch.Count);
                await WriteWithRetryAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
                Interlocked.Exchange(ref inFlight, 0);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Add(ref lost, batch.Count);
            Interlocked.Exchange(ref inFlight, 0);
        }
    }

    private async Task WriteWithRetryAsync(IReadOnlyList<HistoryRecord> batch, CancellationToken cancellationToken)
    {
        var batchId = Guid.NewGuid();
        var delay = options.RetryInitialDelay;
        while (true)
        {
            try
            {
                var ignored = await PostgresHistoryBatch.WriteAsync(dataSource, batchId, batch, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref written, batch.Count);
                Interlocked.Add(ref duplicates, ignored);
                return;
            }
            catch (Exception e) when (IsInvalidData(e))
            {
                if (batch.Count == 1)
                {
                    Interlocked.Increment(ref rejected);
                    LogRejected(batch[0].Kind, batch[0].District, (e as PostgresException)?.SqlState ?? e.GetType().Name, e.Message);
                    return;
                }
                foreach (var record in batch) await WriteWithRetryAsync([record], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref retried);
                LogRetrying(batch.Count, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.RetryMaxDelay.Ticks));
            }
        }
    }

    /// <summary>
    /// What fails again however often it is retried: PostgreSQL's data exceptions (class 22) and integrity violations
    /// (class 23), and a value the client cannot encode. Connection, I/O, time-out and other server errors (including a
    /// missing table before the schema is migrated) are retried instead.
    /// </summary>
    private static bool IsInvalidData(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("22", StringComparison.Ordinal) || p.SqlState.StartsWith("23", StringComparison.Ordinal),
        NpgsqlException or TimeoutException or IOException or OperationCanceledException => false,
        _ => true,
    };

    private async Task RetentionLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.RetentionInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow();
                try
                {
                    if (options.RetentionDays > 0)
                    {
                        var cutoff = now - TimeSpan.FromDays(options.RetentionDays);
                        LogRetention(await DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false), cutoff);
                    }
                    if (options.AuditRetentionDays > 0)
                    {
                        var cutoff = now - TimeSpan.FromDays(options.AuditRetentionDays);
                        LogAuditRetention(await DeleteAuditOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false), cutoff);
                    }
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    LogRetentionFailed(e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "History queue full (capacity {Capacity}): {Dropped} records dropped so far")]
    private partial void LogDropped(long dropped, int capacity);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Writing {Count} history records failed, retrying in {DelayMs} ms: {Error}")]
    private partial void LogRetrying(int count, double delayMs, string error);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "PostgreSQL rejected a {Kind} record of district {District} ({SqlState}: {Error}); it is not stored")]
    private partial void LogRejected(HistoryKind kind, string district, string sqlState, string error);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "History retention deleted {Deleted} rows older than {Cutoff}")]
    private partial void LogRetention(long deleted, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Audit retention deleted {Deleted} audit entries older than {Cutoff}")]
    private partial void LogAuditRetention(long deleted, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "History retention failed, will try again next interval: {Error}")]
    private partial void LogRetentionFailed(string error);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "History writer stopped: {Written} written, {Dropped} dropped, {Retried} retries, {Lost} lost at stop")]
    private partial void LogStopped(long written, long dropped, long retried, long lost);
}

using Grpc.Core;
using Sems.Api.V1;

namespace Sems.Bench.Gateway;

/// <summary>
/// One WatchStatus subscriber: follows the stream and notes every event with the time it arrived (the bench and the
/// server share the machine's clock), counting gaps: GAP events, and any CYCLE or LIMIT_CHANGE whose sequence does not
/// follow the last one. A stalled subscriber reads the snapshot, then nothing until <see cref="DrainAsync"/>.
/// </summary>
public sealed class Subscriber
{
    private readonly List<Received> _events = [];
    private readonly TaskCompletionSource<ulong> _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AsyncServerStreamingCall<StatusEvent>? _stalledCall;
    private ulong _last;

    /// <summary>An event as it arrived.</summary>
    public sealed record Received(StatusEvent Event, DateTimeOffset At);

    /// <summary>Completes with the snapshot's sequence once it has arrived.</summary>
    public Task<ulong> Snapshot => _snapshot.Task;

    public int Gaps { get; private set; }

    /// <summary>Events lost: the sequences the GAP events name, plus any skipped without one.</summary>
    public ulong MissedEvents { get; private set; }

    /// <summary>The events received so far (a copy).</summary>
    public IReadOnlyList<Received> Events
    {
        get
        {
            lock (_events) return _events.ToArray();
        }
    }

    public ulong LastSequence
    {
        get
        {
            lock (_events) return _last;
        }
    }

    /// <summary>Follows the stream until <paramref name="cancel"/>; false when the server ended or failed it.</summary>
    public async Task<StatusCode?> FollowAsync(GridConstraints.GridConstraintsClient client, WatchStatusRequest request, Metadata headers, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            using var call = client.WatchStatus(request, headers, cancellationToken: cancel);
            await foreach (var e in call.ResponseStream.ReadAllAsync(cancel)) Note(e);
            return StatusCode.OK;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancel.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return null;
        }
        catch (RpcException e)
        {
            _snapshot.TrySetException(e);
            return e.StatusCode;
        }
    }

    /// <summary>Opens the stream, reads the snapshot and then stops reading: the server's writes wait on HTTP/2 flow control.</summary>
    public async Task StallAsync(GridConstraints.GridConstraintsClient client, WatchStatusRequest request, Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(client);
        _stalledCall = client.WatchStatus(request, headers);
        if (!await _stalledCall.ResponseStream.MoveNext(CancellationToken.None)) throw new BenchException("the stalled subscriber's stream ended before its snapshot");
        Note(_stalledCall.ResponseStream.Current);
    }

    /// <summary>The stalled subscriber reads again, until it has an event at or after <paramref name="sequence"/> or <paramref name="timeout"/> passes.</summary>
    public async Task DrainAsync(ulong sequence, TimeSpan timeout)
    {
        var call = _stalledCall ?? throw new InvalidOperationException("not a stalled subscriber");
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (LastSequence < sequence && await call.ResponseStream.MoveNext(cancel.Token)) Note(call.ResponseStream.Current);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
            // timed out: what it got is what it got
        }
        finally
        {
            call.Dispose();
        }
    }

    private void Note(StatusEvent e)
    {
        var at = DateTimeOffset.UtcNow;
        lock (_events)
        {
            _events.Add(new Received(e, at));
            switch (e.Kind)
            {
                case StatusEventKind.Snapshot when _last == 0:
                    _last = e.Sequence;
                    _snapshot.TrySetResult(e.Sequence);
                    break;
                case StatusEventKind.Gap:
                    Gaps++;
                    MissedEvents += e.LastMissedSequence - e.FirstMissedSequence + 1;
                    _last = e.LastMissedSequence;
                    break;
                case StatusEventKind.Cycle or StatusEventKind.LimitChange:
                    if (e.Sequence > _last + 1)
                    {
                        Gaps++;
                        MissedEvents += e.Sequence - _last - 1;
                    }

                    _last = Math.Max(_last, e.Sequence);
                    break;
            }
        }
    }
}

using Grpc.Core;
using Sems.Api.V1;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>
/// WatchStatus: a snapshot first, then one event per limit change and per cycle with a sequence that grows by one per
/// event; a client that reconnects with resume_after_sequence gets exactly the events it missed, and a resume beyond the
/// newest event is refused with the field named.
/// </summary>
public sealed class WatchStatusContractTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    /// <summary>How long a read may wait before the test gives up (a guard against a hang, not a timing assertion).</summary>
    private static readonly TimeSpan ReadGuard = TimeSpan.FromSeconds(60);

    private readonly Contract _c = new(fixture);

    [Fact]
    public async Task A_snapshot_then_an_event_per_limit_change_and_per_cycle_and_a_resume_gets_exactly_what_was_missed()
    {
        var district = await _c.WorkedExample("watch-resume");
        var t0 = _c.StepStart;
        await _c.Cycle(district);
        var grid = _c.Grid(_c.Token(district));
        var request = new WatchStatusRequest { District = district, Resource = "electricity" };

        ulong snapshotSequence;
        using (var first = new CancellationTokenSource())
        using (var watch = grid.WatchStatus(request, cancellationToken: first.Token))
        {
            var snapshot = await Next(watch.ResponseStream);
            Assert.Equal(StatusEventKind.Snapshot, snapshot.Kind);
            Assert.Equal(0, snapshot.Status.Cycle);
            Assert.Equal([100.0, 100, 100, 100], snapshot.Status.LimitKw);
            snapshotSequence = snapshot.Sequence;

            await grid.SetLimitAsync(Contract.Limit(district, t0, 30, 90, 95));
            var change = await Next(watch.ResponseStream);
            Assert.Equal(StatusEventKind.LimitChange, change.Kind);
            Assert.Equal(snapshotSequence + 1, change.Sequence);
            Assert.Equal(1, change.Limit.Version);
            Assert.Equal([90.0, 95], change.Limit.ImportMaxKw);

            await _c.Cycle(district);
            var cycle = await Next(watch.ResponseStream);
            Assert.Equal(StatusEventKind.Cycle, cycle.Kind);
            Assert.Equal(snapshotSequence + 2, cycle.Sequence);
            // The cycle planned with version 1: steps [90, 90, 95, 95] kW, district [70, 90, 95, 70] kW.
            Assert.Equal(1, cycle.Status.LimitVersion);
            Assert.Equal([90.0, 90, 95, 95], cycle.Status.LimitKw);
            Assert.Equal([70.0, 90, 95, 70], Contract.Rounded(cycle.Status.PlannedImportKw));
            await first.CancelAsync();
        }

        // While disconnected: a second limit version and another cycle.
        await grid.SetLimitAsync(Contract.Limit(district, t0, 15, 80));
        await _c.Cycle(district);

        using (var resumed = grid.WatchStatus(new WatchStatusRequest { District = district, Resource = "electricity", ResumeAfterSequence = snapshotSequence + 2 }))
        {
            var missedChange = await Next(resumed.ResponseStream);
            Assert.Equal(StatusEventKind.LimitChange, missedChange.Kind);
            Assert.Equal(snapshotSequence + 3, missedChange.Sequence);
            Assert.Equal(2, missedChange.Limit.Version);
            var missedCycle = await Next(resumed.ResponseStream);
            Assert.Equal(StatusEventKind.Cycle, missedCycle.Kind);
            Assert.Equal(snapshotSequence + 4, missedCycle.Sequence);
            // v2 (80 kW) over v1's first step: [80, 90, 95, 95] kW.
            Assert.Equal([80.0, 90, 95, 95], missedCycle.Status.LimitKw);

            // Nothing else was replayed: the next event is the next one that happens.
            await grid.SetLimitAsync(Contract.Limit(district, t0.AddMinutes(30), 15, 85));
            var next = await Next(resumed.ResponseStream);
            Assert.Equal(StatusEventKind.LimitChange, next.Kind);
            Assert.Equal(snapshotSequence + 5, next.Sequence);
            Assert.Equal(3, next.Limit.Version);
        }

        using var beyond = grid.WatchStatus(new WatchStatusRequest { District = district, ResumeAfterSequence = snapshotSequence + 6 });
        var e = await Contract.Refused(() => beyond.ResponseStream.MoveNext());
        Assert.Equal(["resume_after_sequence"], Contract.Fields(e, StatusCode.InvalidArgument));
    }

    /// <summary>The next event that is not a heartbeat.</summary>
    private static async Task<StatusEvent> Next(IAsyncStreamReader<StatusEvent> stream)
    {
        using var guard = new CancellationTokenSource(ReadGuard);
        while (true)
        {
            Assert.True(await stream.MoveNext(guard.Token), "the status stream ended");
            if (stream.Current.Kind != StatusEventKind.Heartbeat) return stream.Current;
        }
    }
}

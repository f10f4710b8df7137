using System.Runtime.CompilerServices;
using System.Security.Claims;
using Google.Protobuf.WellKnownTypes;
using Sems.Api.V1;
using Sems.Contracts.Status;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Streams;

/// <summary>
/// WatchStatus and WatchSetpoints. Each subscriber follows the district's event log (the status grain) with long polls
/// from the last sequence it got: a snapshot first (or, when resuming, every event after the given sequence that is still
/// kept), then one event per cycle and per limit change, and a heartbeat when nothing happened for
/// <see cref="HeartbeatInterval"/>. A subscriber that falls behind never holds anything up: the log keeps the latest
/// events, and whatever it can no longer replay is reported as a GAP with the sequences lost.
/// </summary>
public sealed class StatusStreams(DistrictGrains grains, StatusBuilder statuses, TelemetryOperations telemetry, Authorizer authorizer, GatewayMetrics metrics)
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);
    private const int PageSize = 100;

    public async IAsyncEnumerable<StatusEvent> WatchStatus(ClaimsPrincipal user, WatchStatusRequest request, [EnumeratorCancellation] CancellationToken cancel)
    {
        authorizer.Require(user, SemsScopes.StatusRead, request.District, "WatchStatus");
        var info = await grains.Info(request.District);
        StatusBuilder.CheckNode(info, request.Node);
        if (request.Resource.Length > 0) StatusBuilder.ChooseResource(info, null, request.Resource);
        var log = grains.Status(request.District);
        var head = await log.WaitEvents(ulong.MaxValue - 1, 1, TimeSpan.Zero);
        if (request.ResumeAfterSequence > head.Latest)
            throw ApiException.Invalid("resume_after_sequence", $"{request.ResumeAfterSequence} is after the newest event of district \"{request.District}\" ({head.Latest})");

        using var subscribed = metrics.Subscribed("status");
        var last = request.ResumeAfterSequence;
        if (last == 0)
        {
            last = head.Latest;
            yield return new StatusEvent { Sequence = last, Kind = StatusEventKind.Snapshot, SentAt = Now(), Status = await TryStatus(request) };
            metrics.Sent("status");
        }

        while (!cancel.IsCancellationRequested)
        {
            var page = await log.WaitEvents(last, PageSize, HeartbeatInterval).WaitAsync(cancel);
            if (Gap(last, page) is { } gap)
            {
                metrics.Missed("status", gap.LastMissedSequence - gap.FirstMissedSequence + 1);
                yield return gap;
                last = gap.LastMissedSequence;
            }

            if (page.Events.Length == 0)
            {
                yield return new StatusEvent { Sequence = last, Kind = StatusEventKind.Heartbeat, SentAt = Now() };
                continue;
            }

            // One status per page: every event of the page announces the state the district is in now.
            var status = await TryStatus(request);
            foreach (var e in page.Events.Where(e => e.Sequence > last))
            {
                var ev = new StatusEvent { Sequence = e.Sequence, Kind = Kind(e.Kind), SentAt = Now(), Status = status };
                if (e.Kind == DistrictEventKind.LimitChange
                    && (await grains.Limits(request.District).List(null, null, includeSuperseded: true)).FirstOrDefault(v => v.Version == e.LimitVersion) is { } version)
                {
                    ev.Limit = LimitMapping.ToProto(request.District, version);
                }

                yield return ev;
                metrics.Sent("status");
                last = e.Sequence;
            }
        }
    }

    public async IAsyncEnumerable<SetpointList> WatchSetpoints(ClaimsPrincipal user, WatchSetpointsRequest request, [EnumeratorCancellation] CancellationToken cancel)
    {
        authorizer.Require(user, SemsScopes.SetpointsRead, request.District, "WatchSetpoints");
        var info = await grains.Info(request.District);
        var first = await telemetry.Setpoints(info, request.Subsystem, "");
        using var subscribed = metrics.Subscribed("setpoints");
        var log = grains.Status(request.District);
        var last = (await log.WaitEvents(ulong.MaxValue - 1, 1, TimeSpan.Zero)).Latest;
        yield return first;
        metrics.Sent("setpoints");
        while (!cancel.IsCancellationRequested)
        {
            var page = await log.WaitEvents(last, PageSize, HeartbeatInterval).WaitAsync(cancel);
            last = Math.Max(last, page.Events.Length > 0 ? page.Events[^1].Sequence : page.Latest);
            // Set-points change with a cycle (or a new definition); a limit change alone commits none.
            if (!page.Events.Any(e => e.Kind is DistrictEventKind.Cycle or DistrictEventKind.District)) continue;
            info = await grains.Info(request.District);
            yield return await telemetry.Setpoints(info, request.Subsystem, "");
            metrics.Sent("setpoints");
        }
    }

    /// <summary>A GAP for the events after <paramref name="last"/> the log no longer keeps (or lost in a restart), else null.</summary>
    private static StatusEvent? Gap(ulong last, DistrictEventPage page)
    {
        var firstAvailable = page.Events.Length > 0 ? page.Events[0].Sequence : page.Latest + 1;
        var firstWanted = last + 1;
        if (firstAvailable <= firstWanted) return null;
        return new StatusEvent
        {
            Sequence = firstAvailable - 1,
            Kind = StatusEventKind.Gap,
            SentAt = Now(),
            FirstMissedSequence = firstWanted,
            LastMissedSequence = firstAvailable - 1,
        };
    }

    private async Task<GridStatus?> TryStatus(WatchStatusRequest request)
    {
        try
        {
            return await statuses.Build(request.District, request.Node, request.Resource);
        }
        catch (ApiException e) when (e.Code == global::Grpc.Core.StatusCode.FailedPrecondition)
        {
            return null; // no cycle yet: the event still counts, its status follows with the first cycle
        }
    }

    private static StatusEventKind Kind(DistrictEventKind kind) => kind switch
    {
        DistrictEventKind.Cycle => StatusEventKind.Cycle,
        DistrictEventKind.LimitChange => StatusEventKind.LimitChange,
        _ => StatusEventKind.Snapshot,
    };

    private static Timestamp Now() => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
}

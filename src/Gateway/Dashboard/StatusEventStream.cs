using System.Globalization;
using System.Security.Claims;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sems.Api.V1;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;
using Sems.Gateway.Streams;

namespace Sems.Gateway.Dashboard;

/// <summary>
/// <c>GET /api/v1/districts/{district}/events</c>: <see cref="StatusStreams.WatchStatus"/> as server-sent events. Every
/// <see cref="StatusEvent"/> is one SSE message: <c>id:</c> its sequence (except heartbeats, which carry none) and
/// <c>data:</c> the event in the protobuf JSON mapping (default values included, enums by name, 64-bit integers as
/// strings). A reconnecting browser sends <c>Last-Event-ID</c>, which becomes <c>resume_after_sequence</c>; an id newer
/// than the district's log (the log was lost with a restart) starts over with a snapshot instead. The query may give
/// <c>node</c>, <c>resource</c>, <c>resume_after_sequence</c> and, since <c>EventSource</c> cannot send headers,
/// <c>access_token</c>. Refusals before the stream starts are problem+json with the status of their code; one after it
/// started is a final <c>event: problem</c> message.
/// </summary>
internal sealed partial class StatusEventStream(
    StreamCredentials credentials,
    StatusStreams streams,
    DistrictGrains grains,
    Authorizer authorizer,
    IHostApplicationLifetime lifetime,
    ILogger<StatusEventStream> logger)
{
    /// <summary>The operation refusals are logged and counted under.</summary>
    public const string Operation = "WatchStatus";

    /// <summary>How long a browser waits before it reconnects a dropped stream (the SSE <c>retry:</c> field).</summary>
    public const int RetryMs = 3000;

    /// <summary>The header a reconnecting <c>EventSource</c> sends with the id of the last message it got.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public async Task Serve(HttpContext context, string district)
    {
        ArgumentNullException.ThrowIfNull(context);
        ClaimsPrincipal user;
        WatchStatusRequest request;
        try
        {
            (user, var fromQuery) = await credentials.UserOf(context, Operation);
            if (fromQuery) authorizer.Require(user, SemsScopes.StatusRead, district, Operation);
            else authorizer.Require(context, SemsScopes.StatusRead, district, Operation);
            request = await Request(context, district);
        }
        catch (ApiException e)
        {
            await DashboardProblems.From(context, e).ExecuteAsync(context);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var subject = AuthExtensions.SubjectOf(user);
        try
        {
            // The headers and the reconnect delay go out at once, so the browser knows the stream is open before the first event.
            await response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"retry: {RetryMs}\n: sems.v1 status events\n\n"), stop.Token);
            await response.Body.FlushAsync(stop.Token);
            await foreach (var e in streams.WatchStatus(user, request, stop.Token).WithCancellation(stop.Token))
            {
                await response.WriteAsync(Format(e), stop.Token);
                await response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The browser went away or the host stops: the stream simply ends.
        }
        catch (ApiException e)
        {
            StreamRefused(logger, TokenIssuer.Printable(district), TokenIssuer.Printable(subject), e.Message);
            await WriteProblem(response, e, stop.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The cluster failed under the stream (a silo went away): end it; the browser reconnects with Last-Event-ID.
            StreamFailed(logger, e, TokenIssuer.Printable(district), TokenIssuer.Printable(subject));
        }
    }

    /// <summary>One SSE message: <c>id:</c> (not for heartbeats), then the JSON on <c>data:</c> lines.</summary>
    public static string Format(StatusEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = new StringBuilder();
        if (e.Kind != StatusEventKind.Heartbeat) text.Append(CultureInfo.InvariantCulture, $"id: {e.Sequence}\n");
        foreach (var line in Json.Format(e).Split('\n')) text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        return text.Append('\n').ToString();
    }

    /// <summary>The WatchStatus request of the query and Last-Event-ID, checked before the stream starts (district, node, resource, resume point).</summary>
    private async Task<WatchStatusRequest> Request(HttpContext context, string district)
    {
        var query = context.Request.Query;
        var request = new WatchStatusRequest
        {
            District = district,
            Node = Single(query, "node"),
            Resource = Single(query, "resource"),
        };
        var lastEventId = context.Request.Headers[LastEventIdHeader].ToString().Trim();
        var fromHeader = lastEventId.Length > 0;
        var resume = fromHeader ? lastEventId : Single(query, "resume_after_sequence");
        if (resume.Length > 0)
        {
            if (!ulong.TryParse(resume, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                throw ApiException.Invalid(fromHeader ? LastEventIdHeader : "resume_after_sequence", $"\"{Text.Cut(resume)}\" is not a sequence number (a whole number ≥ 0)");
            request.ResumeAfterSequence = sequence;
        }

        var info = await grains.Info(district);
        StatusBuilder.CheckNode(info, request.Node);
        if (request.Resource.Length > 0) StatusBuilder.ChooseResource(info, null, request.Resource);
        var latest = (await grains.Status(district).WaitEvents(ulong.MaxValue - 1, 1, TimeSpan.Zero)).Latest;
        if (request.ResumeAfterSequence > latest)
        {
            // A browser's Last-Event-ID from before the log was lost: start over with a snapshot rather than fail for good.
            if (fromHeader) request.ResumeAfterSequence = 0;
            else throw ApiException.Invalid("resume_after_sequence", string.Create(CultureInfo.InvariantCulture, $"{request.ResumeAfterSequence} is after the newest event of district \"{district}\" ({latest})"));
        }

        return request;
    }

    private static string Single(IQueryCollection query, string name)
    {
        var values = query[name];
        if (values.Count > 1) throw ApiException.Invalid(name, $"is given {values.Count} times; give it once");
        return values.Count == 1 ? values[0] ?? "" : "";
    }

    private static async Task WriteProblem(HttpResponse response, ApiException e, CancellationToken cancel)
    {
        var problem = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = DashboardProblems.CodeName(e.Code),
            ["detail"] = e.Message,
        });
        try
        {
            await response.WriteAsync($"event: problem\ndata: {problem}\n\n", cancel);
            await response.Body.FlushAsync(cancel);
        }
        catch (OperationCanceledException)
        {
            // Nobody is listening any more.
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Status event stream of district {District} for {Subject} refused after it started: {Reason}")]
    private static partial void StreamRefused(ILogger logger, string district, string subject, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Status event stream of district {District} for {Subject} failed; the browser reconnects")]
    private static partial void StreamFailed(ILogger logger, Exception exception, string district, string subject);
}

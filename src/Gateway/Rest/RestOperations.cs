using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sems.Api.V1;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Rest;

/// <summary>
/// Every route of the REST mirror under <see cref="Prefix"/>. Actions on a resource are the colon form of Google's API
/// guidelines (AIP-136): <c>POST …/districts/{district}:start</c>, <c>:stop</c> and <c>…/limits/{version}:cancel</c>.
/// </summary>
internal static class RestOperations
{
    public const string Prefix = "/api/v1";

    /// <summary>The schema of a district file body (the district format).</summary>
    public const string DistrictFileSchema = "sems.rest.DistrictFile";

    public const string HistorySchema = "sems.rest.HistoryPage";

    public const string KpisSchema = "sems.rest.DistrictKpis";

    public const string ProblemSchema = "sems.rest.Problem";

    private static readonly RestParameter Node = new("node", "string", null, "The connection point: empty or the district's name (the root).");
    private static readonly RestParameter Resource = new("resource", "string", null, "A resource the district draws, e.g. electricity; empty: the first with a limit.");
    private static readonly RestParameter From = new("from", "string", "date-time", "Start of the window (inclusive), ISO 8601 UTC; default 24 h before to (or now).");
    private static readonly RestParameter To = new("to", "string", "date-time", "End of the window (exclusive), ISO 8601 UTC; default none.");

    private static readonly int[] Read = [401, 403, 404];
    private static readonly int[] ReadQuery = [400, 401, 403, 404];

    public static IReadOnlyList<RestOperation> All { get; } =
    [
        new("ListDistricts", "GET", "/districts", "The districts the caller may see", SemsScopes.StatusRead,
            [], null, Full(ListDistrictsResponse.Descriptor), null, [401, 403],
            http => Handlers(http).ListDistricts(http)),
        new("GetDistrict", "GET", "/districts/{district}", "The definition in force, its version, etag and whether it runs", SemsScopes.StatusRead,
            [], null, Full(DistrictVersion.Descriptor), null, Read,
            http => Handlers(http).GetDistrict(http, District(http))),
        new("PutDistrict", "PUT", "/districts/{district}", "Validates and applies a district file (its name must be the path's) atomically", SemsScopes.DistrictsAdmin,
            [
                new("start", "string", "date-time", "When cycle 0 starts, ISO 8601 UTC; default the file's start, else the current step."),
                new("requestId", "string", null, "The request id written to the audit log."),
                new("expectedEtag", "string", null, "Apply only if the district's etag is still this (or send If-Match)."),
            ],
            DistrictFileSchema, Full(DistrictVersion.Descriptor), RestBody.MaxDistrictBytes, [400, 401, 403, 409, 413],
            http => Handlers(http).PutDistrict(http, District(http))),
        new("StartDistrict", "POST", "/districts/{district}:start", "Runs the district's receding-horizon cycle", SemsScopes.DistrictsAdmin,
            [], null, Full(DistrictVersion.Descriptor), null, Read,
            http => Handlers(http).StartDistrict(http, District(http))),
        new("StopDistrict", "POST", "/districts/{district}:stop", "Stops the district's receding-horizon cycle", SemsScopes.DistrictsAdmin,
            [], null, Full(DistrictVersion.Descriptor), null, Read,
            http => Handlers(http).StopDistrict(http, District(http))),
        new("GetStatus", "GET", "/districts/{district}/status", "The state after the last cycle", SemsScopes.StatusRead,
            [Node, Resource], null, Full(GridStatus.Descriptor), null, [400, 401, 403, 404, 409],
            http => Handlers(http).GetStatus(http, District(http))),
        new("ListLimits", "GET", "/districts/{district}/limits", "Every limit version, newest first", SemsScopes.StatusRead,
            [Node, Resource, new("includeSuperseded", "boolean", null, "Also list versions every interval of which a newer one covers.")],
            null, Full(ListLimitsResponse.Descriptor), null, ReadQuery,
            http => Handlers(http).ListLimits(http, District(http))),
        new("SetLimit", "POST", "/districts/{district}/limits", "A new time-varying limit for a node and resource (the district is the path's)", SemsScopes.LimitsWrite,
            [], Full(SetLimitRequest.Descriptor), Full(SetLimitResponse.Descriptor), RestBody.MaxBytes, [400, 401, 403, 404, 409, 413],
            http => Handlers(http).SetLimit(http, District(http))),
        new("CancelLimit", "POST", "/districts/{district}/limits/{version}:cancel", "Ends a limit version; its fallback applies", SemsScopes.LimitsWrite,
            [], Full(CancelLimitRequest.Descriptor), Full(LimitVersion.Descriptor), RestBody.MaxBytes, [400, 401, 403, 404, 409, 413],
            http => Handlers(http).CancelLimit(http, District(http), (string)http.GetRouteValue("version")!)),
        new("GetFlexibility", "GET", "/districts/{district}/flexibility", "Per subsystem and step: how far its draw can move down and up, and at what marginal cost", SemsScopes.StatusRead,
            [Node, Resource], null, Full(FlexibilityReport.Descriptor), null, ReadQuery,
            http => Handlers(http).GetFlexibility(http, District(http))),
        new("GetSetpoints", "GET", "/districts/{district}/setpoints", "The set-points in force", SemsScopes.SetpointsRead,
            [new("subsystem", "string", null, "A subsystem id; empty: every subsystem."), new("asset", "string", null, "An asset id; empty: every asset.")],
            null, Full(SetpointList.Descriptor), null, Read,
            http => Handlers(http).GetSetpoints(http, District(http))),
        new("PushMeasurements", "POST", "/districts/{district}/measurements", "A batch of measurements in, its acknowledgement out", SemsScopes.TelemetryWrite,
            [], Full(MeasurementBatch.Descriptor), Full(PushAck.Descriptor), RestBody.MaxBytes, [400, 401, 403, 413],
            http => Handlers(http).PushMeasurements(http, District(http))),
        new("GetHistory", "GET", "/districts/{district}/history", "Records of the history store, oldest first, at most 10,000 per call", SemsScopes.StatusRead,
            [From, To, new("kind", "string", null, "measurements, plans, setpoints, reports, limits, forecasts or audit (audit needs districts.admin); default every kind the caller may read.")],
            null, HistorySchema, null, [400, 401, 403, 404, 503],
            http => History(http).History(http, District(http))),
        new("GetKpis", "GET", "/districts/{district}/kpis", "Key figures of the cycle reports in the window", SemsScopes.StatusRead,
            [From, To], null, KpisSchema, null, [400, 401, 403, 404, 503],
            http => History(http).Kpis(http, District(http))),
    ];

    private static string Full(Google.Protobuf.Reflection.MessageDescriptor descriptor) => descriptor.FullName;

    private static RestHandlers Handlers(HttpContext http) => http.RequestServices.GetRequiredService<RestHandlers>();

    private static HistoryQueries History(HttpContext http) => http.RequestServices.GetRequiredService<HistoryQueries>();

    private static string District(HttpContext http) => (string)http.GetRouteValue("district")!;
}

using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sems.Api.V1;
using Sems.Contracts.Limits;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Rest;

/// <summary>
/// The REST mirror of the sems.v1 RPCs: each handler reads the path, the query and the body into the RPC's request,
/// calls the operation gRPC calls (which checks scope and district), and writes the response in the protobuf JSON
/// mapping. A route with a body checks scope and district before it reads the body, so a caller that may not make
/// the call learns nothing of its body's problems. The district of the path is the district of the call: a body that
/// names another one is refused.
/// </summary>
internal sealed class RestHandlers(GridOperations grid, TelemetryOperations telemetry, DistrictOperations districts, Authorizer authorizer, ILogger<RestHandlers> logger)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public Task ListDistricts(HttpContext http) => Run(http, async () =>
        await RestResponses.WriteMessage(http, await districts.ListDistricts(http.User)));

    public Task GetDistrict(HttpContext http, string district) => Run(http, async () =>
        await WriteDistrict(http, await districts.GetDistrict(http.User, new GetDistrictRequest { District = district })));

    /// <summary>
    /// PUT: the body is the district file itself (up to 64 MiB); its <c>name</c> must be the path's district. Query
    /// <c>start</c>, <c>requestId</c>, <c>expectedEtag</c> (or the header If-Match) are PutDistrictRequest's fields.
    /// </summary>
    public Task PutDistrict(HttpContext http, string district) => Run(http, async () =>
    {
        authorizer.Require(http, SemsScopes.DistrictsAdmin, district, "PutDistrict");
        var body = await RestBody.Read(http, RestBody.MaxDistrictBytes);
        var start = RestQuery.Time(http, "start", "start");
        var requestId = RestQuery.Text(http, "requestId", "request_id");
        var etag = RestQuery.Text(http, "expectedEtag", "expected_etag");
        if (etag.Length == 0 && http.Request.Headers.IfMatch.Count > 0) etag = http.Request.Headers.IfMatch.ToString().Trim().Trim('"');
        var json = Decode(body);
        if (FileName(body) is { } name && name != district)
        {
            throw ApiException.Invalid("district_json.name", $"\"{Text.Cut(name)}\" is not the district of the path, \"{Text.Cut(district)}\": PUT a district file to its own name");
        }

        var request = new PutDistrictRequest { DistrictJson = json, RequestId = requestId, ExpectedEtag = etag };
        if (start is { } s) request.Start = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(s);
        await WriteDistrict(http, await districts.PutDistrict(http.User, request));
    });

    public Task StartDistrict(HttpContext http, string district) => Run(http, async () =>
        await WriteDistrict(http, await districts.StartDistrict(http.User, new StartDistrictRequest { District = district })));

    public Task StopDistrict(HttpContext http, string district) => Run(http, async () =>
        await WriteDistrict(http, await districts.StopDistrict(http.User, new StopDistrictRequest { District = district })));

    public Task GetStatus(HttpContext http, string district) => Run(http, async () =>
    {
        var request = new GetStatusRequest
        {
            District = district,
            Node = RestQuery.Text(http, "node", "node"),
            Resource = RestQuery.Text(http, "resource", "resource"),
        };
        await RestResponses.WriteMessage(http, await grid.GetStatus(http.User, request));
    });

    public Task ListLimits(HttpContext http, string district) => Run(http, async () =>
    {
        var request = new ListLimitsRequest
        {
            District = district,
            Node = RestQuery.Text(http, "node", "node"),
            Resource = RestQuery.Text(http, "resource", "resource"),
            IncludeSuperseded = RestQuery.Bool(http, "includeSuperseded", "include_superseded"),
        };
        await RestResponses.WriteMessage(http, await grid.ListLimits(http.User, request));
    });

    /// <summary>POST: the body is a SetLimitRequest; its district, when given, must be the path's.</summary>
    public Task SetLimit(HttpContext http, string district) => Run(http, async () =>
    {
        authorizer.Require(http, SemsScopes.LimitsWrite, district, "SetLimit");
        var request = ProtoJson.Parse<SetLimitRequest>(await RestBody.Read(http, RestBody.MaxBytes));
        SameDistrict(request.District, district, "district");
        request.District = district;
        await RestResponses.WriteMessage(http, await grid.SetLimit(http.User, request));
    });

    /// <summary>POST …/limits/{version}:cancel: the body (optional) is a CancelLimitRequest for request_id, expected_etag and reason.</summary>
    public Task CancelLimit(HttpContext http, string district, string version) => Run(http, async () =>
    {
        authorizer.Require(http, SemsScopes.LimitsWrite, district, "CancelLimit");
        var number = RestQuery.Version(version, "version");
        var request = ProtoJson.Parse<CancelLimitRequest>(await RestBody.Read(http, RestBody.MaxBytes), emptyAllowed: true);
        SameDistrict(request.District, district, "district");
        if (request.Version != 0 && request.Version != number)
            throw ApiException.Invalid("version", $"{request.Version} in the body is not the version of the path, {number}: leave it out or give the same");
        request.District = district;
        request.Version = number;
        await RestResponses.WriteMessage(http, await grid.CancelLimit(http.User, request));
    });

    public Task GetFlexibility(HttpContext http, string district) => Run(http, async () =>
    {
        var request = new GetFlexibilityRequest
        {
            District = district,
            Node = RestQuery.Text(http, "node", "node"),
            Resource = RestQuery.Text(http, "resource", "resource"),
        };
        await RestResponses.WriteMessage(http, await grid.GetFlexibility(http.User, request));
    });

    public Task GetSetpoints(HttpContext http, string district) => Run(http, async () =>
    {
        var request = new GetSetpointsRequest
        {
            District = district,
            Subsystem = RestQuery.Text(http, "subsystem", "subsystem"),
            Asset = RestQuery.Text(http, "asset", "asset"),
        };
        await RestResponses.WriteMessage(http, await telemetry.GetSetpoints(http.User, request));
    });

    /// <summary>POST: the body is a MeasurementBatch; a measurement without a district is the path's, one naming another is refused.</summary>
    public Task PushMeasurements(HttpContext http, string district) => Run(http, async () =>
    {
        authorizer.Require(http, SemsScopes.TelemetryWrite, district, "Push");
        var batch = ProtoJson.Parse<MeasurementBatch>(await RestBody.Read(http, RestBody.MaxBytes));
        var others = new List<LimitViolation>();
        for (var i = 0; i < batch.Measurements.Count; i++)
        {
            var m = batch.Measurements[i];
            if (m.District.Length == 0) m.District = district;
            else if (m.District != district) others.Add(new($"measurements[{i}].district", OtherDistrict(m.District, district)));
        }

        if (others.Count > 0) throw ApiException.Invalid(others.Take(200).ToArray());
        await RestResponses.WriteMessage(http, await telemetry.Push(http.User, batch));
    });

    private Task Run(HttpContext http, Func<Task> handler) => RestResponses.Run(http, logger, handler);

    private static Task WriteDistrict(HttpContext http, DistrictVersion version)
    {
        http.Response.Headers.ETag = $"\"{version.Etag}\"";
        return RestResponses.WriteMessage(http, version);
    }

    private static void SameDistrict(string given, string path, string field)
    {
        if (given.Length > 0 && given != path) throw ApiException.Invalid(field, OtherDistrict(given, path));
    }

    private static string OtherDistrict(string given, string path) =>
        $"\"{Text.Cut(given)}\" is not the district of the path, \"{Text.Cut(path)}\": leave it out or give the same";

    /// <summary>A district file's text; one that is not UTF-8 is refused here (a leading byte-order mark is dropped).</summary>
    private static string Decode(byte[] body)
    {
        try
        {
            return StrictUtf8.GetString(WithoutBom(body));
        }
        catch (DecoderFallbackException e)
        {
            throw ApiException.Invalid("district_json", $"is not UTF-8 (byte {e.Index} is not valid): save the district file as UTF-8");
        }
    }

    private static ReadOnlySpan<byte> WithoutBom(byte[] body) => body.AsSpan().StartsWith("\uFEFF"u8) ? body.AsSpan(3) : body;

    /// <summary>The top-level "name" of a district file, null when it has none or is not JSON (the operation then says what is wrong).</summary>
    private static string? FileName(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(WithoutBom(body));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                if (!reader.Read()) return null;
                if (isName) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

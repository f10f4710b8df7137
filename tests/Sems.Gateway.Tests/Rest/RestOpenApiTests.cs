using System.Net;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Sems.Gateway.Tests.Rest;

/// <summary>The OpenAPI document at /openapi/v1.json: anonymous, a valid OpenAPI document, every REST route with its parameters, schemas and the bearer scheme.</summary>
[Collection(RestCollection.Name)]
public sealed class RestOpenApiTests(GatewayFixture fixture)
{
    /// <summary>The REST mirror as the contract lists it: method, path, operationId, query parameters, request and answer schema.</summary>
    private static readonly (string Method, string Path, string Id, string[] Query, string? Request, string Response)[] Routes =
    [
        ("get", "/api/v1/districts", "ListDistricts", [], null, "sems.v1.ListDistrictsResponse"),
        ("get", "/api/v1/districts/{district}", "GetDistrict", [], null, "sems.v1.DistrictVersion"),
        ("put", "/api/v1/districts/{district}", "PutDistrict", ["start", "requestId", "expectedEtag"], "sems.rest.DistrictFile", "sems.v1.DistrictVersion"),
        ("post", "/api/v1/districts/{district}:start", "StartDistrict", [], null, "sems.v1.DistrictVersion"),
        ("post", "/api/v1/districts/{district}:stop", "StopDistrict", [], null, "sems.v1.DistrictVersion"),
        ("get", "/api/v1/districts/{district}/status", "GetStatus", ["node", "resource"], null, "sems.v1.GridStatus"),
        ("get", "/api/v1/districts/{district}/limits", "ListLimits", ["node", "resource", "includeSuperseded"], null, "sems.v1.ListLimitsResponse"),
        ("post", "/api/v1/districts/{district}/limits", "SetLimit", [], "sems.v1.SetLimitRequest", "sems.v1.SetLimitResponse"),
        ("post", "/api/v1/districts/{district}/limits/{version}:cancel", "CancelLimit", [], "sems.v1.CancelLimitRequest", "sems.v1.LimitVersion"),
        ("get", "/api/v1/districts/{district}/flexibility", "GetFlexibility", ["node", "resource"], null, "sems.v1.FlexibilityReport"),
        ("get", "/api/v1/districts/{district}/setpoints", "GetSetpoints", ["subsystem", "asset"], null, "sems.v1.SetpointList"),
        ("post", "/api/v1/districts/{district}/measurements", "PushMeasurements", [], "sems.v1.MeasurementBatch", "sems.v1.PushAck"),
        ("get", "/api/v1/districts/{district}/history", "GetHistory", ["from", "to", "kind"], null, "sems.rest.HistoryPage"),
        ("get", "/api/v1/districts/{district}/kpis", "GetKpis", ["from", "to"], null, "sems.rest.DistrictKpis"),
    ];

    [Fact]
    public async Task The_document_is_anonymous_valid_OpenAPI_and_lists_every_route()
    {
        var answer = await fixture.Http(null).GetAnswer("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        var read = OpenApiDocument.Parse(answer.Body, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.NotNull(read.Document);

        var doc = answer.Json;
        var paths = doc.GetProperty("paths");
        foreach (var (method, path, id, query, request, response) in Routes)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is missing");
            Assert.Equal(id, operation.GetProperty("operationId").GetString());
            var parameters = operation.TryGetProperty("parameters", out var listed) ? listed.EnumerateArray().ToList() : [];
            var pathParameters = path.Split('{').Skip(1).Select(p => p[..p.IndexOf('}', StringComparison.Ordinal)]);
            foreach (var name in pathParameters)
                Assert.Contains(parameters, p => p.GetProperty("name").GetString() == name && p.GetProperty("in").GetString() == "path" && p.GetProperty("required").GetBoolean());
            Assert.Equal(query.Order(), parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).Order());

            var ok = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal($"#/components/schemas/{response}", ok.GetProperty("$ref").GetString());
            Assert.Equal("#/components/schemas/sems.rest.Problem",
                operation.GetProperty("responses").GetProperty("401").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
            if (request is null) Assert.False(operation.TryGetProperty("requestBody", out _), $"{id} has no body");
            else Assert.Equal($"#/components/schemas/{request}", operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            Assert.True(operation.GetProperty("security")[0].TryGetProperty("bearer", out _), $"{id} needs the bearer scheme");
        }

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Proto_schemas_follow_the_protobuf_json_mapping()
    {
        var doc = (await fixture.Http(null).GetAnswer("/openapi/v1.json")).Json;
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var request = schemas.GetProperty("sems.v1.SetLimitRequest").GetProperty("properties");
        Assert.Equal("array", request.GetProperty("importMaxKw").GetProperty("type").GetString());
        Assert.Equal("number", request.GetProperty("importMaxKw").GetProperty("items").GetProperty("type").GetString());
        Assert.Equal("date-time", request.GetProperty("start").GetProperty("format").GetString());
        Assert.Equal("string", request.GetProperty("resolution").GetProperty("type").GetString());
        Assert.False(request.TryGetProperty("import_max_kw", out _));

        var state = schemas.GetProperty("sems.v1.LimitState");
        Assert.Equal(["LIMIT_STATE_UNSPECIFIED", "VALIDATED", "SCHEDULED", "ACTIVE", "COMPLETED", "SUPERSEDED", "CANCELLED"],
            state.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("#/components/schemas/sems.v1.SubsystemStatus",
            schemas.GetProperty("sems.v1.GridStatus").GetProperty("properties").GetProperty("subsystems").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal(JsonValueKind.Object, schemas.GetProperty("sems.v1.Measurement").ValueKind);
    }
}

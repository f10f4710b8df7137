using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Sems.Api.V1;

namespace Sems.Gateway.Rest;

/// <summary>
/// Completes the OpenAPI document the generator builds from the mapped routes: per REST operation its summary, the
/// scope it needs, typed path and query parameters, the body and answer schemas and the problem+json errors, the
/// bearer security scheme; and a component schema for every proto message the routes carry, written from the message
/// descriptors in the protobuf JSON mapping (lowerCamelCase names, enums as names, Timestamps as RFC 3339 strings,
/// Durations as "900s", 64-bit integers as strings).
/// </summary>
internal sealed class RestOpenApiTransformer : IOpenApiDocumentTransformer
{
    public const string SecurityScheme = "bearer";

    public const string Tag = "sems.v1";

    private static readonly Dictionary<string, RestOperation> ById = RestOperations.All.ToDictionary(o => o.Id, StringComparer.Ordinal);

    private static readonly MessageDescriptor[] Messages =
    [
        ListDistrictsResponse.Descriptor, DistrictVersion.Descriptor, GridStatus.Descriptor, ListLimitsResponse.Descriptor,
        SetLimitRequest.Descriptor, SetLimitResponse.Descriptor, CancelLimitRequest.Descriptor, LimitVersion.Descriptor,
        FlexibilityReport.Descriptor, SetpointList.Descriptor, MeasurementBatch.Descriptor, PushAck.Descriptor,
    ];

    private static readonly Dictionary<int, string> ErrorTitles = new()
    {
        [400] = "Invalid argument: every field violation in errors",
        [401] = "No valid bearer token",
        [403] = "The token lacks the scope or the district",
        [404] = "No such district (or subsystem, asset, limit version)",
        [409] = "The expected etag does not match (type …:etag-mismatch) or the district is not running (type …:failed-precondition)",
        [413] = "The body is larger than the route takes",
        [500] = "Internal error (the detail names the trace id)",
        [503] = "No history store is registered where this gateway runs",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "SEMS sems.v1 REST mirror";
        document.Info.Description = "The sems.v1 API over HTTP/1.1 and JSON (the protobuf JSON mapping). Every /api/v1 route needs a bearer token; errors are application/problem+json with the field paths of gRPC's BadRequest.";
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from sems token: claims sub, scope (space-separated) and districts.",
        };

        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = Tag, Description = "The sems.v1 API over HTTP/1.1: the RPC mirrors, history and KPIs." });
        var schemas = document.Components.Schemas;
        foreach (var message in Messages) AddMessage(schemas, message, document);
        schemas[RestOperations.DistrictFileSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A district file (docs/district-format.md), up to 64 MiB; its name must be the path's district.",
        };
        schemas[RestOperations.ProblemSchema] = ProblemSchema();
        schemas[RestOperations.HistorySchema] = HistorySchema();
        schemas[RestOperations.KpisSchema] = KpisSchema();

        foreach (var (_, item) in document.Paths ?? [])
        {
            foreach (var (_, operation) in item.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
            {
                if (operation.OperationId is { } id && ById.TryGetValue(id, out var rest)) Describe(operation, rest, document);
            }
        }

        // The generator's default tag of the routes described here is no longer used by any operation.
        var used = (document.Paths ?? []).Values
            .SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags?.AsEnumerable() ?? [])
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var unused in document.Tags.Where(t => t.Name is null || !used.Contains(t.Name)).ToList()) document.Tags.Remove(unused);

        return Task.CompletedTask;
    }

    private static void Describe(OpenApiOperation operation, RestOperation rest, OpenApiDocument document)
    {
        operation.Summary = rest.Summary;
        operation.Description = $"Scope {rest.Scope}." + (rest.BodyLimitBytes is { } limit ? $" Body up to {limit / (1024 * 1024)} MiB (413 beyond)." : "");
        var parameters = new List<IOpenApiParameter>();
        foreach (var name in rest.PathParameters)
        {
            parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = name == "version" ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" } : new OpenApiSchema { Type = JsonSchemaType.String },
                Description = name == "version" ? "The limit version." : "The district: its file's name.",
            });
        }

        foreach (var query in rest.Query)
        {
            parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Required = false,
                Schema = new OpenApiSchema { Type = query.Type == "boolean" ? JsonSchemaType.Boolean : JsonSchemaType.String, Format = query.Format },
                Description = query.Description,
            });
        }

        operation.Parameters = parameters;
        operation.RequestBody = rest.RequestSchema is { } request
            ? new OpenApiRequestBody
            {
                Required = rest.RequestSchema == RestOperations.DistrictFileSchema,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(request, document) } },
            }
            : null;
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = $"A {rest.ResponseSchema}",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(rest.ResponseSchema, document) } },
            },
        };
        foreach (var status in rest.Errors.Append(500))
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = ErrorTitles[status],
                Content = new Dictionary<string, OpenApiMediaType> { [RestProblems.ContentType] = new() { Schema = new OpenApiSchemaReference(RestOperations.ProblemSchema, document) } },
            };
        }

        operation.Responses = responses;
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
        operation.Tags = new HashSet<OpenApiTagReference> { new(Tag, document) };
    }

    /// <summary>Adds the message's schema and, once each, every message and enum it refers to.</summary>
    private static void AddMessage(IDictionary<string, IOpenApiSchema> schemas, MessageDescriptor message, OpenApiDocument document)
    {
        if (schemas.ContainsKey(message.FullName)) return;
        var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = $"The proto message {message.FullName} (protobuf JSON mapping).", Properties = new Dictionary<string, IOpenApiSchema>() };
        schemas[message.FullName] = schema;
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var item = FieldSchema(schemas, field, document);
            schema.Properties[field.JsonName] = field.IsRepeated && !field.IsMap ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = item } : item;
        }
    }

    private static IOpenApiSchema FieldSchema(IDictionary<string, IOpenApiSchema> schemas, FieldDescriptor field, OpenApiDocument document)
    {
        switch (field.FieldType)
        {
            case FieldType.Double:
            case FieldType.Float:
                return new OpenApiSchema { Type = JsonSchemaType.Number, Format = field.FieldType == FieldType.Double ? "double" : "float", Description = "A number; \"NaN\", \"Infinity\" and \"-Infinity\" as strings." };
            case FieldType.Int32:
            case FieldType.SInt32:
            case FieldType.SFixed32:
                return new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
            case FieldType.UInt32:
            case FieldType.Fixed32:
                return new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" };
            case FieldType.Int64:
            case FieldType.SInt64:
            case FieldType.SFixed64:
            case FieldType.UInt64:
            case FieldType.Fixed64:
                return new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Integer, Format = "int64", Description = "A 64-bit integer: written as a decimal string, read from a string or a number." };
            case FieldType.Bool:
                return new OpenApiSchema { Type = JsonSchemaType.Boolean };
            case FieldType.String:
                return new OpenApiSchema { Type = JsonSchemaType.String };
            case FieldType.Bytes:
                return new OpenApiSchema { Type = JsonSchemaType.String, Format = "byte" };
            case FieldType.Enum:
                if (!schemas.ContainsKey(field.EnumType.FullName))
                {
                    schemas[field.EnumType.FullName] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = field.EnumType.Values.Select(v => (JsonNode)JsonValue.Create(v.Name)).ToList(),
                        Description = $"The proto enum {field.EnumType.FullName}, by name.",
                    };
                }

                return new OpenApiSchemaReference(field.EnumType.FullName, document);
            default:
                var type = field.MessageType;
                switch (type.FullName)
                {
                    case "google.protobuf.Timestamp":
                        return new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "RFC 3339, UTC, e.g. 2022-11-01T17:00:00Z." };
                    case "google.protobuf.Duration":
                        return new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^-?[0-9]+(\\.[0-9]{1,9})?s$", Description = "Seconds with the suffix s, e.g. \"900s\"." };
                }

                if (field.IsMap)
                {
                    var value = FieldSchema(schemas, type.FindFieldByNumber(2), document);
                    return new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = value };
                }

                AddMessage(schemas, type, document);
                return new OpenApiSchemaReference(type.FullName, document);
        }
    }

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details (application/problem+json).",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "urn:sems:problem:invalid-argument, unauthenticated, permission-denied, not-found, etag-mismatch, failed-precondition, payload-too-large, unavailable, internal." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The gRPC status the same call gets on gRPC, e.g. INVALID_ARGUMENT." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The field's proto path, e.g. import_max_kw[3]." },
                        ["description"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The value and the rule it breaks." },
                    },
                },
            },
        },
    };

    private static OpenApiSchema HistorySchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Records of the history store, oldest first.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["district"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The kind asked for; null for every kind the caller may read." },
            ["from"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            ["to"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time" },
            ["count"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["maxRecords"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The most records one call returns (10,000)." },
            ["truncated"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "More records lie in the window: continue from the last record's at." },
            ["records"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "A record: kind (measurements, plans, setpoints, reports, limits, forecasts, audit), district, at, and the fields of its kind in camelCase.",
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["district"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["at"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                    },
                    AdditionalPropertiesAllowed = true,
                },
            },
        },
    };

    private static OpenApiSchema KpisSchema()
    {
        static OpenApiSchema Number(string description) => new() { Type = JsonSchemaType.Number, Format = "double", Description = description };
        static OpenApiSchema Count(string description) => new() { Type = JsonSchemaType.Integer, Format = "int64", Description = description };
        static OpenApiSchema ByResource(string description) => new() { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" }, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Key figures of the cycle reports in the window.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["district"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["from"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                ["to"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time" },
                ["cyclesRunCount"] = Count("Cycles that ran."),
                ["cyclesMissedCount"] = Count("Cycles that could not run (recorded as missed)."),
                ["violationBeforeKwh"] = Number("Violation of the district limits before coordination, kWh, summed over cycles and resources."),
                ["violationAfterKwh"] = Number("Violation after coordination, kWh, summed over cycles and resources."),
                ["violationBeforeKwhByResource"] = ByResource("Violation before coordination per resource, kWh."),
                ["violationAfterKwhByResource"] = ByResource("Violation after coordination per resource, kWh."),
                ["compliantCyclesCount"] = Count("Cycles run whose violation after coordination is at most 1e-6 kWh."),
                ["compliantCyclesPercent"] = new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "double", Description = "compliantCyclesCount / cyclesRunCount, %; null without a cycle run." },
                ["roundsCount"] = Count("Algorithm 1's rounds, summed."),
                ["resolvesCount"] = Count("Re-solves under tightened limits, summed."),
                ["meanCycleWallMs"] = new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "double", Description = "Mean wall time of a cycle run, ms." },
                ["maxCycleWallMs"] = new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "double", Description = "Largest wall time of a cycle run, ms." },
                ["setpointsCommittedCount"] = Count("Set-points committed, summed."),
                ["reportsRead"] = Count("Report records read (run and missed)."),
                ["truncated"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "More than 10,000 reports lie in the window; the figures cover the oldest 10,000." },
            },
        };
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sems.Contracts.Limits;
using Sems.Gateway.Api;

namespace Sems.Gateway.Rest;

/// <summary>
/// Runs a REST handler and writes its answer: a proto message in the protobuf JSON mapping, or a JSON document; every
/// refusal as problem+json (<see cref="ApiException"/> by its code, Kestrel's own refusals such as a body over the
/// limit by their status) and anything else as a 500 problem that names the trace id and never the exception.
/// </summary>
internal static partial class RestResponses
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The options of the REST mirror's own documents (history, KPIs): camelCase, NaN and ∞ as strings, enums as names, times as RFC 3339 UTC.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new UtcTimeJsonConverter() },
    };

    public static async Task Run(HttpContext http, ILogger logger, Func<Task> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            await handler();
        }
        catch (ApiException e)
        {
            await RestProblems.Write(http, e);
        }
        catch (BadHttpRequestException e)
        {
            var code = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? StatusCode.ResourceExhausted : StatusCode.InvalidArgument;
            var (_, type, title) = RestProblems.Classify(code);
            await RestProblems.Write(http, e.StatusCode, type, title, $"body: {e.Message}", RestProblems.CodeName(code), [new LimitViolation("body", e.Message)]);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // the client went away
        }
        catch (Exception e)
        {
            var trace = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
            Failed(logger, e, http.Request.Method, http.Request.Path.Value ?? "/", trace);
            var (status, type, title) = RestProblems.Classify(StatusCode.Internal);
            await RestProblems.Write(http, status, type, title, $"the call failed inside the server; it is logged under trace id {trace}", RestProblems.CodeName(StatusCode.Internal), []);
        }
    }

    /// <summary>Writes <paramref name="message"/> in the protobuf JSON mapping with <paramref name="status"/>.</summary>
    public static Task WriteMessage(HttpContext http, IMessage message, int status = StatusCodes.Status200OK) =>
        Write(http, ProtoJson.Format(message), status);

    /// <summary>Writes a JSON document of the REST mirror's own (history, KPIs).</summary>
    public static Task WriteJson(HttpContext http, JsonNode node, int status = StatusCodes.Status200OK) =>
        Write(http, node.ToJsonString(JsonOptions), status);

    private static async Task Write(HttpContext http, string json, int status)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        http.Response.StatusCode = status;
        http.Response.ContentType = JsonContentType;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "REST {Method} {Path} failed (trace {TraceId})")]
    private static partial void Failed(ILogger logger, Exception exception, string method, string path, string traceId);
}

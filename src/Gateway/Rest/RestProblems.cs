using System.Text;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Sems.Contracts.Limits;
using Sems.Gateway.Api;

namespace Sems.Gateway.Rest;

/// <summary>
/// The REST mirror's errors as RFC 9457 problem details (<c>application/problem+json</c>): <c>type</c> (a URN per kind
/// of refusal, so ABORTED and FAILED_PRECONDITION, both 409, are told apart), <c>title</c>, <c>status</c>,
/// <c>detail</c>, <c>instance</c> (the request path), <c>code</c> (the gRPC status name the same call gets on gRPC) and
/// <c>errors</c>: every field violation as <c>{ "field", "description" }</c> with the paths of gRPC's BadRequest.
/// </summary>
internal static class RestProblems
{
    public const string ContentType = "application/problem+json";

    /// <summary>The prefix of every problem type.</summary>
    public const string TypePrefix = "urn:sems:problem:";

    /// <summary>The HTTP status, problem type and title of a gRPC status code.</summary>
    public static (int Status, string Type, string Title) Classify(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => (StatusCodes.Status400BadRequest, TypePrefix + "invalid-argument", "The request is not valid"),
        StatusCode.Unauthenticated => (StatusCodes.Status401Unauthorized, TypePrefix + "unauthenticated", "A valid bearer token is needed"),
        StatusCode.PermissionDenied => (StatusCodes.Status403Forbidden, TypePrefix + "permission-denied", "The token does not allow this call"),
        StatusCode.NotFound => (StatusCodes.Status404NotFound, TypePrefix + "not-found", "Not found"),
        StatusCode.Aborted => (StatusCodes.Status409Conflict, TypePrefix + "etag-mismatch", "The expected etag does not match"),
        StatusCode.AlreadyExists => (StatusCodes.Status409Conflict, TypePrefix + "already-exists", "It exists already"),
        StatusCode.FailedPrecondition => (StatusCodes.Status409Conflict, TypePrefix + "failed-precondition", "The district is not in a state that allows this call"),
        StatusCode.ResourceExhausted => (StatusCodes.Status413PayloadTooLarge, TypePrefix + "payload-too-large", "The request body is too large"),
        StatusCode.Unimplemented => (StatusCodes.Status501NotImplemented, TypePrefix + "unimplemented", "Not implemented"),
        StatusCode.Unavailable => (StatusCodes.Status503ServiceUnavailable, TypePrefix + "unavailable", "The service is not available"),
        StatusCode.DeadlineExceeded => (StatusCodes.Status504GatewayTimeout, TypePrefix + "deadline-exceeded", "The call took too long"),
        _ => (StatusCodes.Status500InternalServerError, TypePrefix + "internal", "Internal error"),
    };

    /// <summary>The gRPC name of a status code: INVALID_ARGUMENT, NOT_FOUND, …</summary>
    public static string CodeName(StatusCode code)
    {
        var name = code.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) text.Append('_');
            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>Writes <paramref name="e"/> as the response (nothing when the response has started).</summary>
    public static Task Write(HttpContext http, ApiException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var (status, type, title) = Classify(e.Code);
        return Write(http, status, type, title, e.Message, CodeName(e.Code), e.Violations);
    }

    /// <summary>Writes a problem as the response: 401 carries <c>WWW-Authenticate: Bearer</c> unless the challenge set one.</summary>
    public static async Task Write(HttpContext http, int status, string type, string title, string detail, string code, IReadOnlyList<LimitViolation> errors)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized && string.IsNullOrEmpty(http.Response.Headers.WWWAuthenticate))
            http.Response.Headers.WWWAuthenticate = "Bearer";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = ContentType;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteString("instance", http.Request.Path.Value ?? "/");
            json.WriteString("code", code);
            json.WriteStartArray("errors");
            foreach (var error in errors)
            {
                json.WriteStartObject();
                json.WriteString("field", error.Field);
                json.WriteString("description", error.Description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }
}

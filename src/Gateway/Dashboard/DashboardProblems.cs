using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Sems.Gateway.Api;

namespace Sems.Gateway.Dashboard;

/// <summary>
/// A refused dashboard call as <c>application/problem+json</c>: the HTTP status of the gRPC code (as Google's API
/// mapping has it), the code's name, the message and every field violation (<c>violations[]</c>: field, description).
/// A 401 also carries <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal static class DashboardProblems
{
    public static IResult From(HttpContext context, ApiException e)
    {
        var status = HttpStatus(e.Code);
        if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["code"] = CodeName(e.Code),
            ["violations"] = e.Violations.Select(v => new Dictionary<string, string>(StringComparer.Ordinal) { ["field"] = v.Field, ["description"] = v.Description }).ToArray(),
        };
        return Results.Problem(detail: e.Message, statusCode: status, title: CodeName(e.Code), extensions: extensions);
    }

    /// <summary>The HTTP status of a gRPC status code.</summary>
    public static int HttpStatus(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.Aborted or StatusCode.AlreadyExists => StatusCodes.Status409Conflict,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Cancelled => 499,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The code as the contract names it: INVALID_ARGUMENT, NOT_FOUND, …</summary>
    public static string CodeName(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.Aborted => "ABORTED",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.OK => "OK",
        _ => "INTERNAL",
    };
}

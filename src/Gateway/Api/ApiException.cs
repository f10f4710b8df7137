using Grpc.Core;
using Sems.Contracts.Limits;

namespace Sems.Gateway.Api;

/// <summary>
/// A call the API refuses, with the gRPC status it maps to and, for INVALID_ARGUMENT, every field violation (path and
/// value with its rule). gRPC returns it as a status with a google.rpc.BadRequest detail, REST as problem+json.
/// Thrown before anything is changed: a refused call changes no state.
/// </summary>
public sealed class ApiException(StatusCode code, string message, IReadOnlyList<LimitViolation>? violations = null) : Exception(message)
{
    public StatusCode Code { get; } = code;

    public IReadOnlyList<LimitViolation> Violations { get; } = violations ?? [];

    public static ApiException Invalid(IReadOnlyList<LimitViolation> violations) =>
        new(StatusCode.InvalidArgument, violations.Count == 1 ? $"{violations[0].Field}: {violations[0].Description}" : $"{violations.Count} fields are not valid", violations);

    public static ApiException Invalid(string field, string description) => Invalid([new LimitViolation(field, description)]);

    public static ApiException NotFound(string message) => new(StatusCode.NotFound, message);

    public static ApiException PermissionDenied(string message) => new(StatusCode.PermissionDenied, message);

    public static ApiException Unauthenticated(string message) => new(StatusCode.Unauthenticated, message);

    public static ApiException Aborted(string message, IReadOnlyList<LimitViolation>? violations = null) => new(StatusCode.Aborted, message, violations);

    public static ApiException FailedPrecondition(string message) => new(StatusCode.FailedPrecondition, message);
}

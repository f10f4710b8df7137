using Microsoft.AspNetCore.Http;

namespace Sems.Gateway.Rest;

/// <summary>
/// One route of the REST mirror, as it is mapped and as the OpenAPI document describes it: the RPC (or query) it
/// mirrors (<see cref="Id"/>, the operationId), its method and pattern under /api/v1, the scope it needs, its query
/// parameters, the schema of its body (a proto message's full name, or one of the mirror's own) and of its answer,
/// the body limit and the error statuses it can answer with.
/// </summary>
internal sealed record RestOperation(
    string Id,
    string Method,
    string Pattern,
    string Summary,
    string Scope,
    IReadOnlyList<RestParameter> Query,
    string? RequestSchema,
    string ResponseSchema,
    int? BodyLimitBytes,
    IReadOnlyList<int> Errors,
    Func<HttpContext, Task> Handle)
{
    /// <summary>The path parameters of <see cref="Pattern"/>, in order.</summary>
    public IEnumerable<string> PathParameters =>
        Pattern.Split('/').SelectMany(segment => segment.Split('{').Skip(1).Select(part => part[..part.IndexOf('}', StringComparison.Ordinal)]));
}

using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Rest;

/// <summary>
/// The answer to a REST call refused before its handler runs (no token, or one that does not validate): the
/// authentication scheme's own challenge (status 401, <c>WWW-Authenticate: Bearer …</c>, the rejection counted) and,
/// under /api, a problem+json body saying why. Every other path gets the default behaviour unchanged.
/// </summary>
internal sealed class RestAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (authorizeResult.Succeeded || context.Response.HasStarted || !context.Request.Path.StartsWithSegments(RestOperations.Prefix, StringComparison.Ordinal)) return;

        var code = authorizeResult.Challenged ? StatusCode.Unauthenticated : StatusCode.PermissionDenied;
        var (status, type, title) = RestProblems.Classify(code);
        var failure = context.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticateResultFeature>()?.AuthenticateResult?.Failure;
        var detail = !authorizeResult.Challenged ? "the token does not allow this call"
            : AuthRejections.ReasonFor(failure) switch
            {
                AuthRejections.ExpiredToken => "the bearer token has expired; mint a new one (sems token)",
                AuthRejections.InvalidToken => "the bearer token is not valid (malformed, wrong signature, issuer or audience)",
                _ => "the call needs a bearer token (authorization: Bearer …); mint one with sems token",
            };
        await RestProblems.Write(context, context.Response.StatusCode is >= 400 ? context.Response.StatusCode : status, type, title, detail, RestProblems.CodeName(code), []);
    }
}

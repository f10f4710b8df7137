using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Dashboard;

/// <summary>
/// The caller of the event stream. A browser's <c>EventSource</c> cannot send an authorization header, so this one
/// route also takes the bearer token as the query parameter <see cref="DashboardEndpoints.AccessTokenParameter"/>. It is
/// checked exactly as JwtBearer checks the header: the same token handlers with the same validation parameters (key,
/// issuer, audience, lifetime, HS256). A header, when the request has one, wins; in insecure development mode every
/// request is already authenticated. A refused query token is counted and logged by <see cref="AuthRejections"/> with
/// its reason, never with the token.
/// </summary>
internal sealed class StreamCredentials(SemsAuthOptions auth, IOptionsMonitor<JwtBearerOptions> jwt, AuthRejections rejections)
{
    /// <summary>
    /// The user of <paramref name="context"/> when it is authenticated, has an authorization header or no query token;
    /// else the principal of the query token. Throws <see cref="ApiException"/> (UNAUTHENTICATED) for a query token that
    /// does not validate or is given more than once.
    /// </summary>
    public async Task<(ClaimsPrincipal User, bool FromQuery)> UserOf(HttpContext context, string operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var given = context.Request.Query[DashboardEndpoints.AccessTokenParameter];
        if (auth.InsecureDev || given.Count == 0 || context.Request.Headers.Authorization.Count > 0
            || context.User.Identities.Any(i => i.IsAuthenticated))
        {
            return (context.User, false);
        }

        if (given.Count > 1)
        {
            rejections.Reject(AuthRejections.Anonymous, AuthRejections.InvalidToken, operation);
            throw ApiException.Unauthenticated($"{DashboardEndpoints.AccessTokenParameter} is given {given.Count} times; give the token once");
        }

        var token = given[0]?.Trim() ?? "";
        if (token.Length == 0) return (context.User, false);

        var options = jwt.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        Exception? failure = null;
        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, parameters);
            if (result.IsValid) return (new ClaimsPrincipal(result.ClaimsIdentity), true);
            failure ??= result.Exception;
        }

        var reason = AuthRejections.ReasonFor(failure ?? new InvalidOperationException("no token handler"));
        rejections.Reject(AuthRejections.Anonymous, reason, operation);
        throw ApiException.Unauthenticated(reason == AuthRejections.ExpiredToken
            ? $"the token in {DashboardEndpoints.AccessTokenParameter} has expired; mint a new one (sems token)"
            : $"the token in {DashboardEndpoints.AccessTokenParameter} is not valid (malformed, wrong signature, issuer or audience)");
    }
}

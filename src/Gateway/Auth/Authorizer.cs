using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Sems.Gateway.Api;

namespace Sems.Gateway.Auth;

/// <summary>
/// The API's access decisions: a call needs a validated token (UNAUTHENTICATED otherwise), the scope of its kind and,
/// when it touches a district, that district among the token's (PERMISSION_DENIED otherwise). Every refusal is
/// counted and logged by <see cref="AuthRejections"/> before the exception is thrown.
/// </summary>
public sealed class Authorizer(AuthRejections rejections)
{
    /// <summary>
    /// The caller of <paramref name="operation"/> when <paramref name="user"/> is authenticated, its token grants
    /// <paramref name="scope"/> and it may touch <paramref name="district"/> (null: the call touches no one district).
    /// Throws <see cref="ApiException"/>: <c>Unauthenticated</c> for no or an invalid principal, <c>PermissionDenied</c>
    /// for a missing scope ("token of X lacks scope S") or another district ("X may not touch district D").
    /// </summary>
    public ApiPrincipal Require(ClaimsPrincipal user, string scope, string? district, string operation) =>
        Require(user, null, scope, district, operation);

    /// <summary>
    /// As <see cref="Require(ClaimsPrincipal, string, string?, string)"/> for the user of <paramref name="context"/>
    /// (a REST request, or <c>ServerCallContext.GetHttpContext()</c> on gRPC); an unauthenticated call is counted with the
    /// reason the token failed authentication for (expired, invalid) rather than as a missing token.
    /// </summary>
    public ApiPrincipal Require(HttpContext context, string scope, string? district, string operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure;
        return Require(context.User, failure, scope, district, operation);
    }

    /// <summary>The districts of <paramref name="districts"/> the user may touch, in their order without repeats; none when not authenticated.</summary>
    public IReadOnlyList<string> Visible(ClaimsPrincipal user, IEnumerable<string> districts)
    {
        ArgumentNullException.ThrowIfNull(districts);
        if (!ApiPrincipal.TryFrom(user, out var principal, out _)) return [];
        return [.. districts.Where(principal.MayTouch).Distinct(StringComparer.Ordinal)];
    }

    private ApiPrincipal Require(ClaimsPrincipal? user, Exception? failure, string scope, string? district, string operation)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(operation);
        if (!SemsScopes.IsKnown(scope)) throw new ArgumentException($"\"{scope}\" is not a scope; the scopes are {string.Join(", ", SemsScopes.All)}", nameof(scope));
        if (!ApiPrincipal.TryFrom(user, out var principal, out var problem))
        {
            var authenticated = user?.Identities.Any(i => i.IsAuthenticated) == true;
            var reason = authenticated ? AuthRejections.InvalidToken : AuthRejections.ReasonFor(failure);
            rejections.Reject(AuthRejections.Anonymous, reason, operation);
            throw ApiException.Unauthenticated(reason switch
            {
                AuthRejections.ExpiredToken => "the bearer token has expired; mint a new one (sems token)",
                AuthRejections.InvalidToken when authenticated => problem,
                AuthRejections.InvalidToken => "the bearer token is not valid (malformed, wrong signature, issuer or audience)",
                _ => "the call needs a bearer token (authorization: Bearer …); mint one with sems token",
            });
        }

        if (!principal.Has(scope))
        {
            rejections.Reject(principal.Subject, AuthRejections.MissingScope, operation);
            throw ApiException.PermissionDenied($"token of {principal.Subject} lacks scope {scope}");
        }

        if (district is not null && !principal.MayTouch(district))
        {
            rejections.Reject(principal.Subject, AuthRejections.OtherDistrict, operation);
            throw ApiException.PermissionDenied($"{principal.Subject} may not touch district {TokenIssuer.Printable(district)}");
        }

        return principal;
    }
}

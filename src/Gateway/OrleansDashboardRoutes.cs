using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Sems.Gateway.Auth;

namespace Sems.Gateway;

/// <summary>
/// Orleans' own dashboard (grains, silos, calls) at <see cref="Prefix"/>, for an administrator: the districts.admin scope.
/// A browser cannot put a bearer header on the dashboard's own requests, so the first page takes the token as
/// <c>/orleans/?access_token=…</c> and keeps it in an HttpOnly, SameSite=Strict cookie scoped to <see cref="Prefix"/>;
/// the token is validated exactly as a header's would be.
/// </summary>
public static class OrleansDashboardRoutes
{
    public const string Prefix = "/orleans";
    public const string Policy = "orleans-dashboard";
    private const string Cookie = "sems_orleans_token";

    /// <summary>The policy (districts.admin) and the token from the query or cookie on the dashboard's paths.</summary>
    public static void AddOrleansDashboardAccess(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
            ApiPrincipal.TryFrom(context.User, out var principal, out _) && principal.Has(SemsScopes.DistrictsAdmin)));
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Events ??= new JwtBearerEvents();
            var prior = jwt.Events.OnMessageReceived;
            jwt.Events.OnMessageReceived = async context =>
            {
                await prior(context);
                if (context.Token is not null || !context.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal)) return;
                if (context.Request.Query["access_token"].ToString() is { Length: > 0 } given) context.Token = given;
                else if (context.Request.Cookies.TryGetValue(Cookie, out var kept)) context.Token = kept;
            };
            var validated = jwt.Events.OnTokenValidated;
            jwt.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                // Kept only for a valid token that may open the dashboard: a refused token is never stored in the browser.
                if (!context.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal)
                    || context.Request.Query["access_token"].ToString() is not { Length: > 0 } given
                    || !ApiPrincipal.TryFrom(context.Principal, out var principal, out _) || !principal.Has(SemsScopes.DistrictsAdmin)) return;
                context.Response.Cookies.Append(Cookie, given, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = context.Request.IsHttps,
                    Path = Prefix,
                });
            };
        });
    }

    public static void MapOrleansDashboardForAdmins(this IEndpointRouteBuilder app) =>
        app.MapOrleansDashboard(routePrefix: Prefix).RequireAuthorization(Policy);
}

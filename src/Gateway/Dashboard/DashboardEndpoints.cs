using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;
using Sems.Gateway.Dashboard;

// In the gateway's own namespace, beside GatewayHost, so MapSemsGateway maps the dashboard with one call.
namespace Sems.Gateway;

/// <summary>
/// The operator's dashboard on the HTTP endpoint: the page at <c>GET /</c> (its files under <see cref="AssetPrefix"/>),
/// the live status as server-sent events at <see cref="EventsRoute"/>, what the status lacks at <see cref="DashboardRoute"/>
/// and the district list at <see cref="DistrictsRoute"/>. The page and its files need no credentials; the API routes
/// need a bearer token with status.read (set-points also setpoints.read), and the event stream also takes the token as
/// <c>?access_token=</c>. Uses the services <see cref="GatewayHost.AddSemsGateway"/> registers.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Server-sent events of a district's status (<c>StatusStreams.WatchStatus</c>).</summary>
    public const string EventsRoute = "/api/v1/districts/{district}/events";

    /// <summary>Stores' planned SoC and capacity, set-points in force, forecasts against measurements (JSON).</summary>
    public const string DashboardRoute = "/api/v1/districts/{district}/dashboard";

    /// <summary>The districts the caller may see (the contract's ListDistrictsResponse as JSON).</summary>
    public const string DistrictsRoute = "/api/v1/dashboard/districts";

    /// <summary>Where the page's script, style sheet and libraries are served.</summary>
    public const string AssetPrefix = "/dashboard/";

    /// <summary>The query parameter that carries the bearer token on <see cref="EventsRoute"/> only.</summary>
    public const string AccessTokenParameter = "access_token";

    private static readonly JsonSerializerOptions ViewJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonFormatter ProtoJson = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>Maps the dashboard's page and routes. Call after authentication is in the pipeline (as MapSemsGateway does).</summary>
    public static IEndpointRouteBuilder MapSemsDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var assets = DashboardAssets.Load();
        var credentials = ActivatorUtilities.CreateInstance<StreamCredentials>(services);
        var events = ActivatorUtilities.CreateInstance<StatusEventStream>(services, credentials);
        var views = ActivatorUtilities.CreateInstance<DashboardViewBuilder>(services);

        endpoints.MapGet("/", (HttpContext context) => assets.Serve(context, "index.html")).ExcludeFromDescription();
        endpoints.MapGet(AssetPrefix + "{**path}", (HttpContext context, string path) => assets.Serve(context, path)).ExcludeFromDescription();

        endpoints.MapGet(EventsRoute, (HttpContext context, string district) => events.Serve(context, district))
            .WithName("WatchStatusEvents").WithTags("Dashboard").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

        endpoints.MapGet(DashboardRoute, async (HttpContext context, string district) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            try
            {
                return Results.Json(await views.Build(context, district, context.RequestAborted), ViewJson);
            }
            catch (ApiException e)
            {
                return DashboardProblems.From(context, e);
            }
        }).WithName("GetDashboard").WithTags("Dashboard").Produces<DashboardView>();

        endpoints.MapGet(DistrictsRoute, async (HttpContext context, Authorizer authorizer, DistrictOperations districts) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            try
            {
                authorizer.Require(context, SemsScopes.StatusRead, null, "ListDistricts");
                return Results.Text(ProtoJson.Format(await districts.ListDistricts(context.User)), "application/json; charset=utf-8");
            }
            catch (ApiException e)
            {
                return DashboardProblems.From(context, e);
            }
        }).WithName("ListDashboardDistricts").WithTags("Dashboard");

        return endpoints;
    }
}

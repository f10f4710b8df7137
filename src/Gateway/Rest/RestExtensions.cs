using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sems.Gateway.Rest;

namespace Sems.Gateway;

/// <summary>
/// The REST mirror of sems.v1 on the HTTP/1.1 endpoint: the routes under /api/v1 (each needs an authenticated caller;
/// the operations check scope and district), errors as problem+json, and the OpenAPI document at /openapi/v1.json
/// (anonymous).
/// </summary>
public static class RestExtensions
{
    /// <summary>The OpenAPI document's name, and so its path: /openapi/v1.json.</summary>
    public const string DocumentName = "v1";

    /// <summary>
    /// Registers the REST handlers, the OpenAPI document (the routes under /api) and the problem+json answer to
    /// unauthenticated calls. Call
    /// after the gateway's operations and credentials are registered (AddSemsGateway does).
    /// </summary>
    public static IServiceCollection AddSemsRest(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<RestHandlers>();
        services.AddSingleton<HistoryQueries>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RestAuthorizationResultHandler>();
        services.AddOpenApi(DocumentName, options =>
        {
            // The API's routes only: not the dashboards' pages and assets.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<RestOpenApiTransformer>();
        });
        return services;
    }

    /// <summary>Maps every route of the REST mirror under /api/v1 (authenticated) and the OpenAPI document (anonymous).</summary>
    public static IEndpointRouteBuilder MapSemsRest(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(RestOperations.Prefix).RequireAuthorization();
        foreach (var operation in RestOperations.All)
        {
            var handle = operation.Handle;
            Delegate handler = (HttpContext http) => handle(http);
            api.MapMethods(operation.Pattern, [operation.Method], handler)
                .WithName(operation.Id)
                .WithSummary(operation.Summary)
                .WithMetadata(operation);
        }

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}

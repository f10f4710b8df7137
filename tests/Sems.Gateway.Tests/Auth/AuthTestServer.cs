using System.Diagnostics.Metrics;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Tests.Auth;

/// <summary>
/// Kestrel on 127.0.0.1 (port 0) with <see cref="AuthExtensions.AddSemsAuth"/> and one endpoint,
/// <c>PUT /v1/districts/{district}/limits</c>, that needs an authenticated user and calls <see cref="Authorizer.Require(HttpContext, string, string?, string)"/>
/// for limits.write; it answers the subject (200), or 401/403 with the refusal's message.
/// </summary>
internal sealed class AuthTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AuthTestServer(WebApplication app, CapturedLog log, Uri address)
    {
        _app = app;
        Log = log;
        Address = address;
    }

    public CapturedLog Log { get; }

    public Uri Address { get; }

    /// <summary>The meter factory of the server, to tell its instruments from those of other tests.</summary>
    public IMeterFactory MeterFactory => _app.Services.GetRequiredService<IMeterFactory>();

    public AuthRejections Rejections => _app.Services.GetRequiredService<AuthRejections>();

    public static async Task<AuthTestServer> StartAsync(IReadOnlyDictionary<string, string?> settings, bool insecureDev = false)
    {
        var log = new CapturedLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(log);
        builder.Services.AddSemsAuth(builder.Configuration, insecureDev);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPut("/v1/districts/{district}/limits", (HttpContext http, Authorizer authorizer, string district) =>
        {
            try
            {
                return Results.Text(authorizer.Require(http, SemsScopes.LimitsWrite, district, "SetLimit").Subject);
            }
            catch (ApiException e)
            {
                return Results.Text(e.Message, statusCode: e.Code == StatusCode.PermissionDenied ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized);
            }
        }).RequireAuthorization();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AuthTestServer(app, log, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

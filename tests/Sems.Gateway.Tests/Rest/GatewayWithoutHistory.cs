using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sems.Gateway.Tests.Rest;

/// <summary>
/// A second gateway on free loopback ports that reaches a fixture's grains but has no history store registered, as
/// <c>sems gateway --cluster</c> runs without one.
/// </summary>
public sealed class GatewayWithoutHistory : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayWithoutHistory(WebApplication app, Uri http)
    {
        _app = app;
        HttpAddress = http;
    }

    public Uri HttpAddress { get; }

    public static async Task<GatewayWithoutHistory> Start(GatewayFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sems:Auth:SigningKey"] = GatewayFixture.SigningKey,
            [$"{ApiEndpointOptions.Section}:GrpcPort"] = "0",
            [$"{ApiEndpointOptions.Section}:HttpPort"] = "0",
        });
        builder.Services.AddSingleton(fixture.Grains);
        builder.AddSemsGateway(insecureDev: false);
        var app = builder.Build();
        app.MapSemsGateway();
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new GatewayWithoutHistory(app, addresses[1]);
    }

    public HttpClient Http(string token)
    {
        var client = new HttpClient { BaseAddress = HttpAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

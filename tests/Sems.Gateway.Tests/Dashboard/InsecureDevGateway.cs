using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sems.Contracts;
using Sems.Grains;
using Sems.Silo.Hosting;

namespace Sems.Gateway.Tests.Dashboard;

/// <summary>
/// A silo with the gateway in insecure development mode (<c>sems serve --insecure-dev</c>): no signing key, every
/// request authenticated as the development principal, on free loopback ports, the grains on a fake clock.
/// </summary>
public sealed class InsecureDevGateway : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(GatewayFixture.Epoch);

    public WebApplication App { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ApiEndpointOptions.Section}:GrpcPort"] = "0",
            [$"{ApiEndpointOptions.Section}:HttpPort"] = "0",
        });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort());
            SemsHost.ConfigureClocks(silo.Services, Clock);
            SemsHost.ConfigurePersistence(silo, builder.Services, connectionString: null);
            silo.AddSems(builder.Configuration);
        });
        builder.AddSemsGateway(insecureDev: true);
        App = builder.Build();
        App.MapSemsGateway();
        await App.StartAsync();
        // Kestrel lists the endpoints in the order they were configured: gRPC first, then HTTP/1.1.
        HttpAddress = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList()[1];
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>Loads a district file through the grains under its name, from the epoch.</summary>
    public async Task<string> Load(string json, string name)
    {
        var named = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        named["name"] = name;
        Assert.Empty(await Grains.GetGrain<IDistrictCoordinatorGrain>(name).Configure(named.ToJsonString(), GatewayFixture.Epoch));
        return name;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Sems.Contracts;
using Sems.Grains;
using Sems.Silo.Hosting;

namespace Sems.Gateway.Tests.Ingest;

/// <summary>
/// Silo and gateway in one process as <see cref="GatewayFixture"/> builds them (fake clock at its epoch, free loopback
/// ports), but with the "sems" grain storage replaced by a <see cref="GatedGrainStorage"/> and the API in
/// insecure-dev mode (no tokens: these tests are about storage, not credentials).
/// </summary>
public sealed class GatedStorageHost : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(GatewayFixture.Epoch);

    public GatedGrainStorage Storage { get; } = new();

    public WebApplication App { get; private set; } = null!;

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public Uri GrpcAddress { get; private set; } = null!;

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
            // Registered after the in-memory provider of the same name, so the grains get this one.
            silo.Services.AddKeyedSingleton<IGrainStorage>(SemsGrainOptions.Storage, Storage);
            silo.AddSems(builder.Configuration);
        });
        builder.AddSemsGateway(insecureDev: true);
        App = builder.Build();
        App.MapSemsGateway();
        await App.StartAsync();
        GrpcAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public GrpcChannel Channel() => GrpcChannel.ForAddress(GrpcAddress);

    /// <summary>
    /// Loads <c>examples/heat-network.json</c> under <paramref name="name"/> from the epoch and gives its thermal store
    /// the definition a cycle would (SoC 0–600 kWh, 30 min max age) without running one; returns the store's grain.
    /// </summary>
    public async Task<IAssetGrain> LoadHeatNetworkStore(string name)
    {
        var named = System.Text.Json.Nodes.JsonNode.Parse(GatewayFixture.Example("heat-network.json"))!.AsObject();
        named["name"] = name;
        var problems = await Grains.GetGrain<IDistrictCoordinatorGrain>(name).Configure(named.ToJsonString(), GatewayFixture.Epoch);
        Assert.Empty(problems);
        var store = Grains.GetGrain<IAssetGrain>($"{name}/greenwich-heat/thermal-store");
        await store.Configure(new AssetDefinition("greenwich-heat", "thermal-store", AssetKind.Store, "soc", "kWh", [0], [600], TimeSpan.FromMinutes(30)));
        return store;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sems.Contracts;
using Sems.Gateway;
using Sems.Gateway.Auth;
using Sems.Grains;
using Sems.Persistence.History;
using Sems.Silo.Hosting;

namespace Sems.Gateway.Tests;

/// <summary>
/// One process as <c>sems serve</c> builds it: a silo (localhost clustering, in-memory storage and history) with the
/// sems.v1 gateway on free loopback ports and a signing key, the grains on a fake clock (cycles run when a test runs
/// them). Tests call it as a client would: gRPC channels and HTTP clients with tokens minted for the principal they play.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Epoch = new(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>32 bytes, base64: the key the gateway verifies tokens with.</summary>
    public const string SigningKey = "c2Vtcy10ZXN0LXNpZ25pbmcta2V5LTMyLWJ5dGVzLW9rIQ==";

    public FakeTimeProvider Clock { get; } = new(Epoch);

    public WebApplication App { get; private set; } = null!;

    public Uri GrpcAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public InMemoryHistoryStore History => App.Services.GetRequiredService<InMemoryHistoryStore>();

    public SemsAuthOptions AuthOptions => new() { SigningKey = SigningKey };

    public async Task InitializeAsync()
    {
        App = await StartAsync(Clock, new Dictionary<string, string?> { ["Sems:Auth:SigningKey"] = SigningKey }, insecureDev: false);
        var addresses = Addresses(App);
        GrpcAddress = addresses[0];
        HttpAddress = addresses[1];
    }

    /// <summary>
    /// Builds and starts a silo with the gateway as <c>sems serve</c> composes them, on free loopback ports, the grains on
    /// <paramref name="clock"/>, with <paramref name="settings"/> on top.
    /// </summary>
    public static async Task<WebApplication> StartAsync(FakeTimeProvider clock, Dictionary<string, string?> settings, bool insecureDev)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ApiEndpointOptions.Section}:GrpcPort"] = "0",
            [$"{ApiEndpointOptions.Section}:HttpPort"] = "0",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort());
            SemsHost.ConfigureClocks(silo.Services, clock);
            SemsHost.ConfigurePersistence(silo, builder.Services, connectionString: null);
            silo.AddSems(builder.Configuration);
        });
        builder.AddSemsGateway(insecureDev);
        var app = builder.Build();
        app.MapSemsGateway();
        await app.StartAsync();
        return app;
    }

    /// <summary>The gateway's endpoints in the order they were configured: gRPC first, then HTTP/1.1.</summary>
    public static IReadOnlyList<Uri> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>A token for <paramref name="subject"/> with the scopes and districts given (all five scopes when none).</summary>
    public string Token(string subject, string[]? scopes = null, string[]? districts = null, TimeSpan? lifetime = null) =>
        TokenIssuer.Mint(AuthOptions, subject, scopes ?? SemsScopes.All.ToArray(), districts ?? ["*"], lifetime ?? TimeSpan.FromHours(1), TimeProvider.System);

    /// <summary>A gRPC channel that sends <paramref name="token"/> (none when null) with every call.</summary>
    public GrpcChannel Channel(string? token)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (token is not null) metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    /// <summary>An HTTP/1.1 client of the REST endpoint with <paramref name="token"/> as bearer (none when null).</summary>
    public HttpClient Http(string? token)
    {
        var client = new HttpClient { BaseAddress = HttpAddress };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Loads a district file through the grains (as serve does) under its name, from the epoch, and returns the name.</summary>
    public async Task<string> Load(string json, string name)
    {
        var named = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        named["name"] = name;
        var problems = await Grains.GetGrain<IDistrictCoordinatorGrain>(name).Configure(named.ToJsonString(), Epoch);
        Assert.Empty(problems);
        return name;
    }

    public static string Example(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", file));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

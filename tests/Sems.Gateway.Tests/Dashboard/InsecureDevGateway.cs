using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sems.Contracts;
using Sems.Grains;

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
        App = await GatewayFixture.StartAsync(Clock, [], insecureDev: true);
        HttpAddress = GatewayFixture.Addresses(App)[1];
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
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using Sems.Grains.Market;
using Sems.Silo.Hosting;

namespace Sems.Grains.Tests.Market;

/// <summary>One in-process silo with the SEMS grains, a solver pool of two slots and the market tests' prosumer scheduler.</summary>
public sealed class MarketCluster : IAsyncLifetime
{
    public TestScheduler Scheduler { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            silo.AddSems(new ConfigurationBuilder().Build());
            silo.Services.AddSingleton(new SolverPool(2));
            silo.Services.AddSingleton<IProsumerScheduler>(Scheduler);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

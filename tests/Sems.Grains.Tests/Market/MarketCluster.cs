using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Sems.Grains.Market;
using Sems.Silo.Hosting;

namespace Sems.Grains.Tests.Market;

/// <summary>
/// One in-process silo with the SEMS grains, a solver pool of two slots, the market tests' prosumer scheduler and a
/// fake clock standing at <see cref="Now"/> (the DSO's limit versions must end after it).
/// </summary>
public sealed class MarketCluster : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2022, 7, 14, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    public TestScheduler Scheduler { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(SemsGrainOptions.Clock, Clock);
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

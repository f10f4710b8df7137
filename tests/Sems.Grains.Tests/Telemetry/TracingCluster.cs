using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Sems.Grains.Telemetry;
using Sems.Silo.Hosting;

namespace Sems.Grains.Tests.Telemetry;

/// <summary>
/// One silo wired as a host with telemetry is: the SEMS grains on a fake clock (as <see cref="ClusterFixture"/>), the
/// grains' instrumentation registered through the host's meter factory, and Orleans' activity propagation on the silo
/// and the client, so that spans on both sides of a grain call form one trace.
/// </summary>
public sealed class TracingCluster : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(ClusterFixture.Epoch);

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
            silo.Services.AddSingleton<SolverPool>();
            silo.Services.AddSemsInstrumentation();
            silo.AddActivityPropagation();
        });
        builder.ConfigureClient(client => client.AddActivityPropagation());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

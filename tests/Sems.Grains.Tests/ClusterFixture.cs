using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Sems.Contracts.History;
using Sems.Grains;
using Sems.Silo.Hosting;

namespace Sems.Grains.Tests;

/// <summary>An in-process Orleans cluster with the SEMS grains and a fake clock they run on.</summary>
public abstract class ClusterFixture(short silos) : IAsyncLifetime
{
    public static readonly DateTimeOffset Epoch = new(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Epoch);

    /// <summary>Every history record the grains wrote.</summary>
    public CapturingHistorySink History { get; } = new();

    /// <summary>Faults injected before subsystem solves (none unless a test sets one).</summary>
    public FaultHook Faults { get; } = new();

    /// <summary>A wall-time deadline per subsystem call; null for the cycle budget (60 % of Δt).</summary>
    protected virtual TimeSpan? CallTimeout => null;

    /// <summary>Whether infeasibility is explained before a subsystem answers (one-shot runs) or after (live operation).</summary>
    protected virtual bool ExplainInfeasibilityInCycle => true;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(SemsGrainOptions.Clock, Clock);
            silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            silo.AddSems(new ConfigurationBuilder().Build());
            silo.Services.AddSingleton<IHistorySink>(History);
            silo.Services.AddSingleton<ISolveHook>(Faults);
            silo.Services.AddSingleton<SolverPool>();
            silo.Services.Configure<SemsGrainOptions>(o =>
            {
                o.CallTimeout = CallTimeout;
                o.ExplainInfeasibilityInCycle = ExplainInfeasibilityInCycle;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

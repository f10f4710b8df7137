using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Sems.Silo.Hosting;

namespace Sems.Grains.Tests;

/// <summary>
/// One silo whose node coordinators call at most 4 subsystems or children (<see cref="SemsGrainOptions.NodeFanOut"/>)
/// with at most 2 calls in flight, and whose subsystems wait 30 ms before every solve while <see cref="Hook"/> counts
/// how many of each node's are inside a plan at once.
/// </summary>
public sealed class HierarchyCluster : IAsyncLifetime
{
    public const int FanOut = 4;

    public const int InFlight = 2;

    public FakeTimeProvider Clock { get; } = new(ClusterFixture.Epoch);

    public ConcurrencyHook Hook { get; } = new();

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
            silo.Services.AddSingleton<ISolveHook>(Hook);
            silo.Services.AddSingleton<SolverPool>();
            silo.Services.Configure<SemsGrainOptions>(o =>
            {
                o.NodeFanOut = FanOut;
                o.MaxCallsInFlight = InFlight;
                o.HierarchyMinSubsystems = 3;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Counts, per group of subsystems (a test's node), the most that were inside a plan solve at once.</summary>
    public sealed class ConcurrencyHook : ISolveHook
    {
        private readonly ConcurrentDictionary<string, string> _groupOf = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _now = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _max = new(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, string> _throw = new(StringComparer.Ordinal);

        public void Group(string subsystemKey, string group) => _groupOf[subsystemKey] = group;

        /// <summary>The subsystem's solves throw <paramref name="message"/>.</summary>
        public void Throw(string subsystemKey, string message) => _throw[subsystemKey] = message;

        public int MaxOf(string group) => _max.GetValueOrDefault(group);

        public async Task BeforeSolveAsync(string subsystemKey, int cycle, string stage)
        {
            if (_throw.TryGetValue(subsystemKey, out var message)) throw new InvalidOperationException(message);
            if (stage != "plan" || !_groupOf.TryGetValue(subsystemKey, out var group)) return;
            var now = _now.AddOrUpdate(group, 1, (_, n) => n + 1);
            _max.AddOrUpdate(group, now, (_, m) => Math.Max(m, now));
            try
            {
                await Task.Delay(30);
            }
            finally
            {
                _now.AddOrUpdate(group, 0, (_, n) => n - 1);
            }
        }
    }
}

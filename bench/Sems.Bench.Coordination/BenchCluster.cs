using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Sems.Persistence.History;
using Sems.Silo.Hosting;

namespace Sems.Bench.Coordination;

/// <summary>
/// The silos the bench runs on, built as <see cref="EmbeddedSilo"/> builds its host. Without a connection string: one
/// silo with localhost clustering and in-memory storage, reminders and history (what EmbeddedSilo is). With one:
/// <c>silos</c> hosts in this process on distinct loopback ports, one ClusterId and ServiceId, whose clustering, grain
/// storage, reminders and history are PostgreSQL (<see cref="SemsHost.ConfigurePersistence"/>). All silos' grains run
/// on the one <c>clock</c> (<see cref="SemsHost.ConfigureClocks"/>). Grains are called through the first silo.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly IReadOnlyList<IHost> _hosts;

    private BenchCluster(IReadOnlyList<IHost> hosts) => _hosts = hosts;

    public IGrainFactory Grains => _hosts[0].Services.GetRequiredService<IGrainFactory>();

    /// <param name="settings">Configuration keys for every silo (e.g. <c>Sems:ResolveBatchSize</c>), or null for none.</param>
    public static async Task<BenchCluster> StartAsync(string? connection, int silos, string clusterId, TimeProvider clock, LogLevel minimumLevel, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        if (connection is null && silos > 1) throw new ArgumentException("more than one silo needs a shared PostgreSQL cluster", nameof(silos));
        var ports = FreePorts(2 * silos);
        var hosts = new List<IHost>();
        try
        {
            for (var k = 0; k < silos; k++)
            {
                var (siloPort, gatewayPort) = (ports[2 * k], ports[2 * k + 1]);
                var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
                builder.Logging.AddSimpleConsoleToStandardError(minimumLevel).AddFilter("Orleans", LogLevel.Error);
                builder.UseOrleans(silo =>
                {
                    if (connection is null)
                    {
                        silo.UseLocalhostClustering(siloPort, gatewayPort);
                    }
                    else
                    {
                        silo.Configure<ClusterOptions>(o =>
                        {
                            o.ClusterId = clusterId;
                            o.ServiceId = "sems-bench";
                        });
                        silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                    }

                    // A cycle of a city takes minutes on two cores: Orleans' 30 s default would fail the bench's own call.
                    silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(30));
                    SemsHost.ConfigureClocks(silo.Services, clock);
                    SemsHost.ConfigurePersistence(silo, silo.Services, connection);
                    silo.AddSems(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
                });
                var host = builder.Build();
                hosts.Add(host);
                await host.StartAsync(cancellationToken);
            }

            var cluster = new BenchCluster(hosts);
            await cluster.WaitForActiveSilosAsync(silos, TimeSpan.FromSeconds(60), cancellationToken);
            return cluster;
        }
        catch
        {
            await StopAsync(hosts);
            throw;
        }
    }

    /// <summary>The history stores' counters summed over the silos (each silo has its own store).</summary>
    public HistoryStoreCounters HistoryCounters()
    {
        var all = _hosts.Select(h => h.Services.GetRequiredService<IHistoryStoreStatistics>().Counters).ToList();
        return new HistoryStoreCounters(all.Sum(c => c.Enqueued), all.Sum(c => c.Written), all.Sum(c => c.Dropped), all.Sum(c => c.Retried),
            all.Sum(c => c.Duplicates), all.Sum(c => c.Rejected), all.Sum(c => c.Lost), all.Sum(c => c.Pending));
    }

    /// <summary>Waits until no silo's history store has records queued or in a batch; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForHistoryAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (HistoryCounters().Pending > 0)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50, cancellationToken);
        }

        return true;
    }

    public ValueTask DisposeAsync() => new(StopAsync(_hosts));

    private async Task WaitForActiveSilosAsync(int silos, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + timeout;
        while ((await management.GetHosts(onlyActive: true)).Count < silos)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"fewer than {silos} silos active after {timeout.TotalSeconds:0} s");
            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task StopAsync(IEnumerable<IHost> hosts)
    {
        foreach (var host in hosts.Reverse())
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    /// <summary>Distinct free loopback ports: all listeners are held until every port is chosen.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var k = 0; k < count; k++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Dispose();
        }
    }
}

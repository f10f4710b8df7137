using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sems.Silo.Hosting;

/// <summary>
/// A single silo inside the current process with localhost clustering on free loopback ports and in-memory storage:
/// what <c>sems coordinate</c> runs on, needing no server.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The host's services (tests check which clocks are registered).</summary>
    internal IServiceProvider Services => _host.Services;

    public static async Task<EmbeddedSilo> StartAsync(LogLevel minimumLevel = LogLevel.Warning, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Logging.AddSimpleConsoleToStandardError(minimumLevel).AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort());
            SemsHost.ConfigureClocks(silo.Services, clock ?? TimeProvider.System);
            SemsHost.ConfigurePersistence(silo, silo.Services, connectionString: null);
            silo.AddSems(new ConfigurationBuilder().Build());
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

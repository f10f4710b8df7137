using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Sems.Persistence.Hosting;
using Sems.Persistence.Schema;

namespace Sems.Persistence.Tests;

/// <summary>A real silo on loopback with PostgreSQL clustering, grain storage and reminders, restarted against the same database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansPostgresTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<IHost> StartSiloAsync(string connection, string cluster)
    {
        var host = new HostBuilder()
            .UseOrleans(silo => silo
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster;
                    o.ServiceId = "sems-tests";
                })
                .ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort())
                .UseSemsPostgres(connection))
            .Build();
        await host.StartAsync();
        return host;
    }

    private async Task<string> MigratedAsync()
    {
        var connection = await db.CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(connection, CancellationToken.None);
        return connection;
    }

    [Fact]
    public async Task StateWithNaNAndMaxValueAndAReminderSurviveASiloRestart()
    {
        var connection = await MigratedAsync();
        var written = new ProbeState(double.NaN, double.MaxValue, [double.NegativeInfinity, -0.0, 1e-310, 42.5], "probe-α");
        using (var first = await StartSiloAsync(connection, "c1"))
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("k-1");
            await grain.WriteAsync(written);
            await grain.RemindAsync("tick");
            await first.StopAsync();
        }

        using var second = await StartSiloAsync(connection, "c1");
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("k-1");
        var read = await again.ReadAsync();
        var remembered = await again.HasReminderAsync("tick");
        await second.StopAsync();

        Assert.NotNull(read);
        Assert.True(double.IsNaN(read.Nan));
        Assert.Equal(double.MaxValue, read.Max);
        Assert.Equal(written.Profile.Select(BitConverter.DoubleToInt64Bits), read.Profile.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal("probe-α", read.Name);
        Assert.True(remembered);
        Assert.Equal(1L, await db.ScalarAsync<long>(connection, "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'tick' AND grainid LIKE '%k-1'"));
        // Orleans' binary serializer, not the JSON default: the payload does not start with '{'.
        Assert.NotEqual(0x7B, await db.ScalarAsync<int>(connection, "SELECT get_byte(payloadbinary, 0) FROM orleansstorage WHERE graintypestring = 'probe'"));
        Assert.Equal(1, await db.ScalarAsync<int>(connection, "SELECT version FROM orleansstorage WHERE graintypestring = 'probe'"));
    }

    [Fact]
    public async Task MembershipRowsAppearAndAStoppedSiloIsDead()
    {
        var connection = await MigratedAsync();
        using var silo = await StartSiloAsync(connection, "c2");
        var active = await db.ColumnAsync(connection, "SELECT status FROM orleansmembershiptable WHERE deploymentid = 'c2'");
        var versionWhileActive = await db.ScalarAsync<int>(connection, "SELECT version FROM orleansmembershipversiontable WHERE deploymentid = 'c2'");
        await silo.StopAsync();

        Assert.Equal(["3"], active);
        Assert.True(versionWhileActive >= 2, $"joining moves the version at least twice (insert, then Active); it is {versionWhileActive}");
        Assert.Equal(["6"], await db.ColumnAsync(connection, "SELECT status FROM orleansmembershiptable WHERE deploymentid = 'c2'"));
        Assert.True(await db.ScalarAsync<int>(connection, "SELECT version FROM orleansmembershipversiontable WHERE deploymentid = 'c2'") > versionWhileActive);
    }
}

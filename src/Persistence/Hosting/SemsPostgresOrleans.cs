using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Sems.Persistence.Hosting;

/// <summary>
/// Puts a silo's clustering, grain storage and reminders, or a client's clustering, on PostgreSQL through the Orleans
/// ADO.NET providers (invariant "Npgsql"). The database must carry the SEMS schema (<c>SchemaMigrator</c>).
/// </summary>
public static class SemsPostgresOrleans
{
    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The grain storage name the SEMS grains persist to (SemsGrainOptions.Storage).</summary>
    public const string DefaultStorageName = "sems";

    /// <summary>
    /// Clustering, grain storage <paramref name="storageName"/> and reminders on PostgreSQL. Grain state is written
    /// with Orleans' own binary serializer (every [GenerateSerializer] type round-trips exactly, NaN and infinities
    /// included), not the JSON default.
    /// </summary>
    public static ISiloBuilder UseSemsPostgres(this ISiloBuilder silo, string connectionString, string storageName = DefaultStorageName)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        connectionString = WithPoolCap(connectionString);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(storageName, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>Connections one process keeps open at most unless the connection string sets <c>Maximum Pool Size</c>.</summary>
    public const int DefaultMaxPoolSize = 25;

    /// <summary>
    /// Npgsql's default pool (100 connections per process) lets three silos exhaust a default PostgreSQL
    /// (max_connections = 100) under a burst of grain writes; SEMS caps each process at <see cref="DefaultMaxPoolSize"/>.
    /// </summary>
    public static string WithPoolCap(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = DefaultMaxPoolSize;
        return builder.ConnectionString;
    }

    /// <summary>A client that finds the cluster's gateways in PostgreSQL.</summary>
    public static IClientBuilder UseSemsPostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return client;
    }
}

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

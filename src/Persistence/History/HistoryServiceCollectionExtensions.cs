using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sems.Contracts.History;

namespace Sems.Persistence.History;

/// <summary>Registers the history store as <see cref="IHistorySink"/>, <see cref="IHistoryReader"/> and <see cref="IHistoryStoreStatistics"/>.</summary>
public static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// The PostgreSQL store when <see cref="HistoryOptions.ConnectionString"/> is set, otherwise the in-memory store.
    /// The options are applied once here to choose; they are also registered for the store itself.
    /// </summary>
    public static IServiceCollection AddSemsHistory(this IServiceCollection services, Action<HistoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var probe = new HistoryOptions();
        configure?.Invoke(probe);
        return string.IsNullOrWhiteSpace(probe.ConnectionString)
            ? services.AddSemsInMemoryHistory(configure)
            : services.AddSemsPostgresHistory(probe.ConnectionString, configure);
    }

    /// <summary>The PostgreSQL store, also registered as a hosted service (its writer starts and drains with the host). The schema must be migrated (<c>SchemaMigrator</c>).</summary>
    public static IServiceCollection AddSemsPostgresHistory(this IServiceCollection services, string connectionString, Action<HistoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<HistoryOptions>().Configure(o =>
        {
            configure?.Invoke(o);
            o.ConnectionString = connectionString;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PostgresHistoryStore(
            sp.GetRequiredService<IOptions<HistoryOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<PostgresHistoryStore>>()));
        services.TryAddSingleton<IHistorySink>(sp => sp.GetRequiredService<PostgresHistoryStore>());
        services.TryAddSingleton<IHistoryReader>(sp => sp.GetRequiredService<PostgresHistoryStore>());
        services.TryAddSingleton<IHistoryStoreStatistics>(sp => sp.GetRequiredService<PostgresHistoryStore>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresHistoryStore>());
        return services;
    }

    /// <summary>The in-memory store (no server), bounded per kind by <see cref="HistoryOptions.InMemoryCapacityPerKind"/>.</summary>
    public static IServiceCollection AddSemsInMemoryHistory(this IServiceCollection services, Action<HistoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HistoryOptions>().Configure(o => configure?.Invoke(o));
        services.TryAddSingleton<InMemoryHistoryStore>();
        services.TryAddSingleton<IHistorySink>(sp => sp.GetRequiredService<InMemoryHistoryStore>());
        services.TryAddSingleton<IHistoryReader>(sp => sp.GetRequiredService<InMemoryHistoryStore>());
        services.TryAddSingleton<IHistoryStoreStatistics>(sp => sp.GetRequiredService<InMemoryHistoryStore>());
        return services;
    }
}

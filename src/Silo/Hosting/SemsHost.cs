using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sems.Grains;
using Sems.Persistence.Hosting;
using Sems.Persistence.History;

namespace Sems.Silo.Hosting;

/// <summary>Host-level configuration of a SEMS silo: where it persists, and which clocks Orleans and the grains run on.</summary>
public static class SemsHost
{
    /// <summary>
    /// Chooses the silo's persistence. Without a connection string: in-memory grain storage "sems" and in-memory
    /// reminders, unless the "Orleans" configuration section names providers for them (clustering stays the host's
    /// choice: localhost in the embedded silo and in serve). With one: PostgreSQL for clustering, grain storage and
    /// reminders through Orleans' ADO.NET providers on the schema of <c>sems db init</c>, and the PostgreSQL history store.
    /// Without one the history is kept in memory, bounded.
    /// </summary>
    public static void ConfigurePersistence(ISiloBuilder silo, IServiceCollection services, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(services);
        if (PersistenceChosen(services)) return;
        services.AddSingleton(new PersistenceChoice(connectionString));
        if (connectionString is not null)
        {
            // PostgreSQL (Orleans ADO.NET): clustering, the "sems" grain storage with Orleans' binary serializer,
            // reminders, and the history store; the schema comes from `sems db init`.
            silo.UseSemsPostgres(connectionString, SemsGrainOptions.Storage);
            services.AddSemsPostgresHistory(connectionString, o => silo.Configuration.GetSection(HistoryOptions.Section).Bind(o));
            return;
        }

        if (!silo.Configuration.GetSection($"Orleans:GrainStorage:{SemsGrainOptions.Storage}").Exists()) silo.AddMemoryGrainStorage(SemsGrainOptions.Storage);
        if (!silo.Configuration.GetSection("Orleans:Reminders").Exists()) silo.UseInMemoryReminderService();
        services.AddSemsInMemoryHistory(o => silo.Configuration.GetSection(HistoryOptions.Section).Bind(o));
    }

    internal static bool PersistenceChosen(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(PersistenceChoice));

    /// <summary>
    /// Runs the SEMS grains on <paramref name="clock"/> (the keyed service <see cref="SemsGrainOptions.Clock"/>) and
    /// Orleans' own services — membership, health monitoring, messaging, timers — on the real clock, whose timestamps
    /// count from the host's start (see <see cref="HostClock"/>).
    /// </summary>
    public static void ConfigureClocks(IServiceCollection services, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        var real = new HostClock();
        services.AddSingleton<TimeProvider>(real);
        services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, real);
        services.AddKeyedSingleton(SemsGrainOptions.Clock, clock);
    }

    /// <summary>The persistence a host chose: its connection string, null for in memory.</summary>
    private sealed record PersistenceChoice(string? ConnectionString);
}

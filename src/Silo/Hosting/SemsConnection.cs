using Microsoft.Extensions.Configuration;

namespace Sems.Silo.Hosting;

/// <summary>
/// The PostgreSQL connection string of SEMS: the "ConnectionStrings:sems" setting, which the environment variable
/// SEMS_ConnectionStrings__sems overrides and a command's <c>--connection</c> option overrides in turn.
/// </summary>
public static class SemsConnection
{
    /// <summary>Name of the connection string (ConnectionStrings:sems).</summary>
    public const string Name = "sems";

    /// <summary>The configuration key the option and the environment variable set.</summary>
    public const string Key = "ConnectionStrings:" + Name;

    /// <summary>The connection string, or null when none is configured (then SEMS keeps everything in memory).</summary>
    public static string? Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetConnectionString(Name) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
    }

    /// <summary>
    /// The configuration of a command that runs without a silo host: appsettings.json beside the executable, then the
    /// environment variables prefixed SEMS_, then <paramref name="overrides"/> (the command's options), later ones winning.
    /// </summary>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string?> overrides) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables("SEMS_")
            .AddInMemoryCollection(overrides)
            .Build();
}

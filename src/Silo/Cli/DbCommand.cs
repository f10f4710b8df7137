using System.CommandLine;
using System.Data.Common;
using Sems.Silo.Hosting;

namespace Sems.Silo.Cli;

/// <summary><c>sems db init --connection CONN</c>: creates or upgrades the SEMS schema of a PostgreSQL database.</summary>
internal static class DbCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CliBackends backends)
    {
        var connection = ConnectionOption();
        var init = new Command("init", "Creates the SEMS tables (clustering, grain storage, reminders, history) or upgrades them to this version; safe to repeat.")
        {
            connection,
        };
        init.SetAction((result, cancellationToken) => InitAsync(result.GetValue(connection), backends, stdout, stderr, cancellationToken));
        return new Command("db", "Manages the PostgreSQL database SEMS persists to.") { init };
    }

    /// <summary>The <c>--connection</c> option of the commands that use the database.</summary>
    public static Option<string> ConnectionOption() => CliOptions.Text("--connection",
        "PostgreSQL connection string (default: the setting ConnectionStrings:sems or the environment variable SEMS_ConnectionStrings__sems).", "CONN");

    /// <summary>The connection string from the option, the environment or appsettings.json, or null with the problem on stderr.</summary>
    public static string? Connection(string? option, string command, TextWriter stderr)
    {
        var settings = new Dictionary<string, string?>();
        if (option is not null) settings[SemsConnection.Key] = option;
        if (SemsConnection.Resolve(SemsConnection.Configuration(settings)) is { } connection) return connection;
        stderr.WriteLine($"sems: {command} needs a PostgreSQL connection string: --connection CONN, the setting {SemsConnection.Key} or the environment variable SEMS_ConnectionStrings__{SemsConnection.Name}");
        return null;
    }

    private static async Task<int> InitAsync(string? option, CliBackends backends, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (Connection(option, "db init", stderr) is not { } connection) return SemsCli.InvalidInput;
        if (backends.Migrator is not { } migrator) return SemsCli.Fail(stderr, $"db init: {CliBackends.NoPostgres}");
        IReadOnlyList<string> applied;
        try
        {
            applied = await migrator.MigrateAsync(connection, cancellationToken);
        }
        catch (ArgumentException e)
        {
            // Npgsql refuses a malformed connection string; its text is not echoed (it may hold a password).
            stderr.WriteLine($"sems: db init: the connection string is not valid: {e.Message}");
            return SemsCli.InvalidInput;
        }
        catch (Exception e) when (e is DbException or IOException or TimeoutException)
        {
            stderr.WriteLine($"sems: db init: the database cannot be migrated: {e.Message}");
            return SemsCli.IoFailure;
        }

        if (applied.Count == 0) stdout.WriteLine("sems: the schema is up to date; nothing to apply.");
        else
        {
            stdout.WriteLine($"sems: applied {applied.Count} migration{(applied.Count == 1 ? "" : "s")}:");
            foreach (var name in applied) stdout.WriteLine($"  {name}");
        }

        return 0;
    }
}

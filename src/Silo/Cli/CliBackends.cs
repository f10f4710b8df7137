namespace Sems.Silo.Cli;

/// <summary>
/// The store implementations the command line uses for <c>db init</c> and <c>history</c>. <see cref="Default"/> is
/// what <c>sems</c> runs with; a null member means this build has no such implementation, and the command says so.
/// </summary>
/// <param name="Migrator">Creates or upgrades the schema.</param>
/// <param name="HistoryReaders">Opens the history store for reading.</param>
public sealed record CliBackends(ISchemaMigrator? Migrator, IHistoryReaderFactory? HistoryReaders)
{
    /// <summary>The back-ends of this build: none yet (the PostgreSQL implementations are bound here).</summary>
    public static CliBackends Default { get; } = CreateDefault();

    private static CliBackends CreateDefault()
    {
        var postgres = new PostgresBackends();
        return new(postgres, postgres);
    }

    /// <summary>Why a command that needs a store cannot run in this build.</summary>
    internal const string NoPostgres = "this build of sems has no PostgreSQL persistence";
}

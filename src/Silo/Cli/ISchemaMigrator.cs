namespace Sems.Silo.Cli;

/// <summary>Creates or upgrades the SEMS schema of a PostgreSQL database (<c>sems db init</c>).</summary>
public interface ISchemaMigrator
{
    /// <summary>Applies every migration the database lacks, in order; applying none when it is up to date.</summary>
    /// <returns>The names of the migrations applied now, oldest first (empty when the schema was already current).</returns>
    Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken);
}

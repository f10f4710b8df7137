using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Sems.Persistence.Schema;

/// <summary>
/// Brings a PostgreSQL database to the schema this build knows (<see cref="MigrationCatalog"/>). Pending migrations are
/// applied in version order, each in its own transaction together with its row in <c>sems_schema_version</c>
/// (version, name, SHA-256 checksum, time). The whole run holds a session advisory lock, so silos starting together
/// migrate one after the other: the second finds nothing to do. A database with a newer version than the code, or an
/// applied script whose checksum changed, is refused with <see cref="SchemaVersionException"/> and left untouched.
/// </summary>
public sealed partial class SchemaMigrator(ILogger<SchemaMigrator>? logger = null)
{
    /// <summary>The advisory lock key every SEMS migrator takes ("SEMS" + "SCHM" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x53454D53_5343484D;

    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS sems_schema_version (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    private readonly ILogger logger = logger ?? NullLogger<SchemaMigrator>.Instance;

    /// <summary>Applies the pending migrations to the database the connection string names (it must exist).</summary>
    public Task<MigrationResult> MigrateAsync(string connectionString, CancellationToken cancellationToken) =>
        MigrateAsync(connectionString, MigrationCatalog.All, cancellationToken);

    /// <summary>Applies <paramref name="migrations"/> (versions 1…n in order); for tests and tools.</summary>
    public async Task<MigrationResult> MigrateAsync(string connectionString, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(migrations);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, VersionTable, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            Verify(applied, migrations);
            var previous = applied.Count == 0 ? 0 : applied[^1].Version;
            var done = new List<AppliedMigration>();
            foreach (var migration in migrations.Where(m => m.Version > previous))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await using var record = new NpgsqlCommand("INSERT INTO sems_schema_version (version, name, checksum) VALUES ($1, $2, $3) RETURNING applied_at", connection, transaction);
                record.Parameters.AddWithValue(migration.Version);
                record.Parameters.AddWithValue(migration.Name);
                record.Parameters.AddWithValue(migration.Checksum);
                var at = (DateTime)(await record.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                done.Add(new AppliedMigration(migration.Version, migration.Name, migration.Checksum, new DateTimeOffset(at, TimeSpan.Zero)));
                LogApplied(migration.Version, migration.Name);
            }
            var current = done.Count > 0 ? done[^1].Version : previous;
            if (done.Count == 0) LogUpToDate(current);
            return new MigrationResult(previous, current, done);
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The migrations recorded in the database, in version order (empty when it was never migrated).</summary>
    public static async Task<IReadOnlyList<AppliedMigration>> ReadAppliedAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('sems_schema_version') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!) return [];
        return await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, name, checksum, applied_at FROM sems_schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var applied = new List<AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied.Add(new AppliedMigration(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero)));
        }
        return applied;
    }

    private static void Verify(IReadOnlyList<AppliedMigration> applied, IReadOnlyList<Migration> known)
    {
        var codeVersion = known.Count == 0 ? 0 : known[^1].Version;
        if (applied.Count > 0 && applied[^1].Version > codeVersion)
        {
            throw new SchemaVersionException($"The database's schema is at version {applied[^1].Version} ({applied[^1].Name}), newer than this build knows (version {codeVersion}). Use a newer build; nothing was changed.")
            {
                DatabaseVersion = applied[^1].Version,
                CodeVersion = codeVersion,
            };
        }
        foreach (var row in applied)
        {
            var script = known.FirstOrDefault(m => m.Version == row.Version);
            if (script is null || script.Checksum != row.Checksum)
            {
                throw new SchemaVersionException($"Migration {row.Version} ({row.Name}) was applied with checksum {row.Checksum}, but this build ships {(script is null ? "no such migration" : $"{script.Name} with checksum {script.Checksum}")}. Nothing was changed.")
                {
                    DatabaseVersion = applied[^1].Version,
                    CodeVersion = codeVersion,
                };
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name})")]
    private partial void LogApplied(int version, string name);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Schema is up to date at version {Version}; nothing applied")]
    private partial void LogUpToDate(int version);
}

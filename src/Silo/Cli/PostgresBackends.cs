using Sems.Contracts.History;
using Sems.Persistence.History;
using Sems.Persistence.Schema;

namespace Sems.Silo.Cli;

/// <summary>The CLI's PostgreSQL back ends: the schema migrator of <c>db init</c> and the history reader of <c>history</c>.</summary>
internal sealed class PostgresBackends : ISchemaMigrator, IHistoryReaderFactory
{
    public async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var result = await new SchemaMigrator().MigrateAsync(connectionString, cancellationToken);
            return result.Applied.Select(m => $"{m.Name} (schema version {m.Version})").ToList();
        }
        catch (SchemaVersionException e)
        {
            throw new IOException(e.Message, e); // the database cannot be used with this version of sems
        }
    }

    public IHistoryReader Create(string connectionString) => new PostgresHistoryReader(connectionString);
}

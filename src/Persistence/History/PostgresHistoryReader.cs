using Npgsql;
using Sems.Contracts.History;

namespace Sems.Persistence.History;

/// <summary>Reads the history tables without starting a writer: what <c>sems history</c> uses.</summary>
public sealed class PostgresHistoryReader(string connectionString) : IHistoryReader, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public Task<IReadOnlyList<HistoryRecord>> ReadAsync(string district, HistoryKind? kind, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken) =>
        PostgresHistoryQuery.ReadAsync(_dataSource, district, kind, from, to, limit, cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

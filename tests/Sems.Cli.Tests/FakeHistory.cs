using Sems.Contracts.History;
using Sems.Silo.Cli;

namespace Sems.Cli.Tests;

/// <summary>A history store and schema migrator in memory: records what the commands asked for and answers with given records.</summary>
public sealed class FakeHistory(IReadOnlyList<HistoryRecord> records) : IHistoryReaderFactory, IHistoryReader, ISchemaMigrator
{
    public string? Connection { get; private set; }

    public (string District, HistoryKind? Kind, DateTimeOffset? From, DateTimeOffset? To, int Limit)? Query { get; private set; }

    public IReadOnlyList<string> Migrations { get; init; } = [];

    public Exception? Failure { get; init; }

    public CliBackends Backends => new(this, this);

    public IHistoryReader Create(string connectionString)
    {
        Connection = connectionString;
        return this;
    }

    public Task<IReadOnlyList<HistoryRecord>> ReadAsync(string district, HistoryKind? kind, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken)
    {
        Query = (district, kind, from, to, limit);
        if (Failure is not null) throw Failure;
        return Task.FromResult<IReadOnlyList<HistoryRecord>>([.. records.Take(limit)]);
    }

    public Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        Connection = connectionString;
        if (Failure is not null) throw Failure;
        return Task.FromResult(Migrations);
    }
}

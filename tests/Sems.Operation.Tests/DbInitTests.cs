using Sems.Persistence.Tests;

namespace Sems.Operation.Tests;

/// <summary><c>sems db init</c> as an operator runs it, against a real PostgreSQL.</summary>
[Collection(OperationCollection.Name)]
public sealed class DbInitTests : IAsyncLifetime
{
    private readonly PostgresDatabase _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task A_second_db_init_changes_nothing_and_exits_0()
    {
        var first = await SemsProcess.RunAsync(TimeSpan.FromMinutes(2), "db", "init", "--connection", _postgres.ConnectionString);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("applied 3 migrations", first.Output, StringComparison.Ordinal);
        var before = await CatalogAsync();
        Assert.Contains(before, l => l.StartsWith("orleansquery.querykey", StringComparison.Ordinal));
        Assert.Contains(before, l => l.StartsWith("history_setpoint.cycle", StringComparison.Ordinal));

        var second = await SemsProcess.RunAsync(TimeSpan.FromMinutes(2), "db", "init", "--connection", _postgres.ConnectionString);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("the schema is up to date; nothing to apply", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await CatalogAsync());
    }

    /// <summary>Every column with its type, every function with its body, every query row, every applied migration.</summary>
    private async Task<List<string>> CatalogAsync()
    {
        var rows = await _postgres.ColumnAsync(_postgres.ConnectionString, """
            SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT proname || ' ' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
            UNION ALL SELECT querykey || ' ' || md5(querytext) FROM orleansquery
            UNION ALL SELECT version || ' ' || name || ' ' || checksum || ' ' || applied_at FROM sems_schema_version
            ORDER BY 1
            """);
        return rows;
    }
}

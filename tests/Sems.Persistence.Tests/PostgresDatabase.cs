using System.Diagnostics;
using Npgsql;

namespace Sems.Persistence.Tests;

/// <summary>
/// A fresh database per test class on the server SEMS_TEST_POSTGRES names (CREATE DATABASE sems_t_&lt;guid&gt;), dropped
/// afterwards; more on request (<see cref="CreateDatabaseAsync"/>). Fails when the variable is missing.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string Variable = "SEMS_TEST_POSTGRES";

    private readonly List<string> created = [];

    /// <summary>The server's connection string (its maintenance database).</summary>
    public string ServerConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{Variable} is not set. These tests need a real PostgreSQL 15+: run scripts/test.sh (it installs and starts one on 127.0.0.1:55433), " +
            $"or start one yourself, e.g. `pg_createcluster 15 semstest -p 55433 --start` and `su postgres -c \"psql -p 55433 -c \\\"CREATE ROLE sems LOGIN PASSWORD 'sems' CREATEDB\\\"\"`, " +
            $"then export {Variable}=\"Host=127.0.0.1;Port=55433;Username=sems;Password=sems;Database=postgres\".");

    /// <summary>The class's database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => ConnectionString = await CreateDatabaseAsync();

    /// <summary>Creates another empty database, dropped with the class's.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"sems_t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        created.Add(name);
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        foreach (var name in created)
        {
            // A client of the class's silos may still be reconnecting while FORCE ends its sessions: try a few times.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                    await command.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException) when (attempt < 5)
                {
                    NpgsqlConnection.ClearAllPools();
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }
    }

    public async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<string>> ColumnAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    /// <summary>Stops or starts the server's Debian cluster (found by its port in pg_lsclusters) with pg_ctlcluster.</summary>
    public async Task ControlClusterAsync(string action)
    {
        var port = new NpgsqlConnectionStringBuilder(ServerConnectionString).Port;
        var clusters = await RunAsync("pg_lsclusters", "-h");
        var line = clusters.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length > 2 && f[2] == port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException($"No Debian PostgreSQL cluster listens on port {port} (pg_lsclusters): the restart test needs one it can stop and start.");
        await RunAsync("pg_ctlcluster", $"{line[0]} {line[1]} {action}");
        // Pooled connections of this process to the old server are broken now; the store under test finds that out itself.
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<string> RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}

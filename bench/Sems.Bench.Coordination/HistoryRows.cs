using Npgsql;

namespace Sems.Bench.Coordination;

/// <summary>Rows a district has in the PostgreSQL history tables the coordination cycle writes to.</summary>
public sealed record HistoryRows(long Setpoints, long Plans, long Reports)
{
    public long Total => Setpoints + Plans + Reports;

    public static async Task<HistoryRows> CountAsync(string connection, string district, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var command = source.CreateCommand(
            "SELECT (SELECT count(*) FROM history_setpoint WHERE district = $1), " +
            "(SELECT count(*) FROM history_plan WHERE district = $1), " +
            "(SELECT count(*) FROM history_report WHERE district = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = district });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new HistoryRows(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}

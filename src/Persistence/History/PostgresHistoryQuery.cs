using System.Text;
using Npgsql;
using Sems.Contracts.History;

namespace Sems.Persistence.History;

/// <summary>Reads history rows back into records, oldest first (by at, then by insertion order).</summary>
internal static class PostgresHistoryQuery
{
    public static async Task<IReadOnlyList<HistoryRecord>> ReadAsync(NpgsqlDataSource dataSource, string district, HistoryKind? kind, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (kind is { } one) return await ReadKindAsync(connection, one, district, from, to, limit, cancellationToken).ConfigureAwait(false);
        var all = new List<HistoryRecord>();
        foreach (var k in Enum.GetValues<HistoryKind>())
        {
            all.AddRange(await ReadKindAsync(connection, k, district, from, to, limit, cancellationToken).ConfigureAwait(false));
        }
        return all.OrderBy(r => r.At).Take(limit).ToList();
    }

    private static Task<List<HistoryRecord>> ReadKindAsync(NpgsqlConnection connection, HistoryKind kind, string district, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken) => kind switch
    {
        HistoryKind.Measurement => ReadRowsAsync(connection, "id, district, at, subsystem, asset, quantity, vals, unit, received_at, accepted, reason", "history_measurement", district, from, to, limit,
            r => new MeasurementRecord(r.GetString(1), At(r, 2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetFieldValue<double[]>(6), r.GetString(7), At(r, 8), r.GetBoolean(9), r.IsDBNull(10) ? null : r.GetString(10)), cancellationToken),
        HistoryKind.Forecast => ReadRowsAsync(connection, "id, district, at, subsystem, cycle, series, step_minutes, vals", "history_forecast", district, from, to, limit,
            r => new ForecastRecord(r.GetString(1), At(r, 2), r.GetString(3), r.GetInt32(4), r.GetString(5), r.GetInt32(6), r.GetFieldValue<double[]>(7)), cancellationToken),
        HistoryKind.Setpoint => ReadRowsAsync(connection, "id, district, at, subsystem, asset, cycle, valid_until, value_names, vals, source", "history_setpoint", district, from, to, limit,
            r => new SetpointRecord(r.GetString(1), At(r, 2), r.GetString(3), r.GetString(4), r.GetInt32(5), At(r, 6), Map(r.GetFieldValue<string[]>(7), r.GetFieldValue<double[]>(8)), r.GetString(9)), cancellationToken),
        HistoryKind.LimitChange => ReadRowsAsync(connection, "id, district, at, resource, from_cycle, values_kw, source", "history_limit_change", district, from, to, limit,
            r => new LimitChangeRecord(r.GetString(1), At(r, 2), r.GetString(3), r.GetInt32(4), r.GetFieldValue<double[]>(5), r.GetString(6)), cancellationToken),
        HistoryKind.Audit => ReadRowsAsync(connection, "id, district, at, principal, action, version, detail, request_id", "sems_audit", district, from, to, limit,
            r => new AuditRecord(r.GetString(1), At(r, 2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6), r.GetString(7)), cancellationToken),
        HistoryKind.Plan => ReadPlansAsync(connection, district, from, to, limit, cancellationToken),
        HistoryKind.Report => ReadReportsAsync(connection, district, from, to, limit, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown history kind."),
    };

    private static async Task<List<HistoryRecord>> ReadPlansAsync(NpgsqlConnection connection, string district, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, Func<IReadOnlyDictionary<string, IReadOnlyList<double>>, PlanRecord> Make)>();
        await ReadAsync(connection, "id, district, at, subsystem, cycle, stage, status, accepted, objective, energy_term, storage_term, comfort_term, factor_names, factor_totals, step_minutes", "history_plan", district, from, to, limit, r =>
        {
            var (d, at, subsystem, cycle, stage, status, accepted) = (r.GetString(1), At(r, 2), r.GetString(3), r.GetInt32(4), r.GetString(5), r.GetString(6), r.GetBoolean(7));
            var (objective, energy, storage, comfort) = (r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11));
            var factors = Map(r.GetFieldValue<string[]>(12), r.GetFieldValue<double[]>(13));
            var step = r.GetInt32(14);
            rows.Add((r.GetInt64(0), draw => new PlanRecord(d, at, subsystem, cycle, stage, status, accepted, objective, energy, storage, comfort, factors, draw, step)));
        }, cancellationToken).ConfigureAwait(false);
        var draws = await ReadProfilesAsync(connection, "SELECT plan_id, '', resource, draw_kw FROM history_plan_draw WHERE plan_id = ANY($1) ORDER BY plan_id, ordinal", rows.Select(r => r.Id).ToArray(), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => (HistoryRecord)r.Make(Profile(draws, r.Id, ""))).ToList();
    }

    private static async Task<List<HistoryRecord>> ReadReportsAsync(NpgsqlConnection connection, string district, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, ReportRecord Report)>();
        await ReadAsync(connection, "id, district, at, cycle, mode, missed, rounds, resolves, violation_before_resources, violation_before_kwh, violation_after_resources, violation_after_kwh, setpoints_committed, wall_ms, step_minutes", "history_report", district, from, to, limit, r =>
        {
            var empty = new Dictionary<string, IReadOnlyList<double>>();
            rows.Add((r.GetInt64(0), new ReportRecord(r.GetString(1), At(r, 2), r.GetInt32(3), r.GetString(4), r.GetBoolean(5), r.GetInt32(6), r.GetInt32(7),
                empty, empty, empty, empty, empty,
                Map(r.GetFieldValue<string[]>(8), r.GetFieldValue<double[]>(9)), Map(r.GetFieldValue<string[]>(10), r.GetFieldValue<double[]>(11)),
                [], r.GetInt32(12), r.GetDouble(13), r.GetInt32(14))));
        }, cancellationToken).ConfigureAwait(false);
        var ids = rows.Select(r => r.Id).ToArray();
        var profiles = await ReadProfilesAsync(connection, "SELECT report_id, profile, resource, kw FROM history_report_profile WHERE report_id = ANY($1) ORDER BY report_id, profile, ordinal", ids, cancellationToken).ConfigureAwait(false);
        var outcomes = new Dictionary<long, List<SubsystemOutcomeRecord>>();
        await using (var command = new NpgsqlCommand("SELECT report_id, subsystem, priority, status, outcome, reason FROM history_report_subsystem WHERE report_id = ANY($1) ORDER BY report_id, ordinal", connection))
        {
            command.Parameters.AddWithValue(ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetInt64(0);
                if (!outcomes.TryGetValue(id, out var list)) outcomes[id] = list = [];
                list.Add(new SubsystemOutcomeRecord(reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }
        return rows.Select(r => (HistoryRecord)(r.Report with
        {
            LimitKw = Profile(profiles, r.Id, ReportProfiles.Limit),
            DrawBeforeKw = Profile(profiles, r.Id, ReportProfiles.DrawBefore),
            DrawAfterKw = Profile(profiles, r.Id, ReportProfiles.DrawAfter),
            ExcessBeforeKw = Profile(profiles, r.Id, ReportProfiles.ExcessBefore),
            ExcessAfterKw = Profile(profiles, r.Id, ReportProfiles.ExcessAfter),
            Subsystems = outcomes.TryGetValue(r.Id, out var list) ? list : [],
        })).ToList();
    }

    private static async Task<Dictionary<(long, string), Dictionary<string, IReadOnlyList<double>>>> ReadProfilesAsync(NpgsqlConnection connection, string sql, long[] ids, CancellationToken cancellationToken)
    {
        var profiles = new Dictionary<(long, string), Dictionary<string, IReadOnlyList<double>>>();
        if (ids.Length == 0) return profiles;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (reader.GetInt64(0), reader.GetString(1));
            if (!profiles.TryGetValue(key, out var map)) profiles[key] = map = [];
            map[reader.GetString(2)] = reader.GetFieldValue<double[]>(3);
        }
        return profiles;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<double>> Profile(Dictionary<(long, string), Dictionary<string, IReadOnlyList<double>>> profiles, long id, string profile) =>
        profiles.TryGetValue((id, profile), out var map) ? map : new Dictionary<string, IReadOnlyList<double>>();

    private static async Task<List<HistoryRecord>> ReadRowsAsync(NpgsqlConnection connection, string columns, string table, string district, DateTimeOffset? from, DateTimeOffset? to, int limit, Func<NpgsqlDataReader, HistoryRecord> map, CancellationToken cancellationToken)
    {
        var records = new List<HistoryRecord>();
        await ReadAsync(connection, columns, table, district, from, to, limit, r => records.Add(map(r)), cancellationToken).ConfigureAwait(false);
        return records;
    }

    private static async Task ReadAsync(NpgsqlConnection connection, string columns, string table, string district, DateTimeOffset? from, DateTimeOffset? to, int limit, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {columns} FROM {table} WHERE district = @district");
        await using var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.AddWithValue("district", district);
        if (from is { } f)
        {
            sql.Append(" AND at >= @from");
            command.Parameters.AddWithValue("from", f.UtcDateTime);
        }
        if (to is { } t)
        {
            sql.Append(" AND at < @to");
            command.Parameters.AddWithValue("to", t.UtcDateTime);
        }
        sql.Append(" ORDER BY at, id LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) row(reader);
    }

    private static DateTimeOffset At(NpgsqlDataReader reader, int ordinal) => new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc), TimeSpan.Zero);

    private static Dictionary<string, double> Map(string[] names, double[] values)
    {
        if (names.Length != values.Length) throw new InvalidDataException($"A stored map has {names.Length} names but {values.Length} values.");
        var map = new Dictionary<string, double>(names.Length);
        for (var i = 0; i < names.Length; i++) map[names[i]] = values[i];
        return map;
    }
}

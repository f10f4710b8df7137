using Npgsql;
using NpgsqlTypes;
using Sems.Contracts.History;

namespace Sems.Persistence.History;

/// <summary>
/// Writes one batch of history records in one transaction with binary COPY. The batch's id is inserted into
/// <c>history_batch</c> first: if it is already there, a previous attempt committed (only its acknowledgement was
/// lost), so nothing is written again. Set-points go through a staging table and
/// <c>INSERT … ON CONFLICT (district, subsystem, asset, cycle) DO NOTHING</c>, so a replayed commit is ignored.
/// </summary>
internal static class PostgresHistoryBatch
{
    private const NpgsqlDbType Doubles = NpgsqlDbType.Array | NpgsqlDbType.Double;
    private const NpgsqlDbType Texts = NpgsqlDbType.Array | NpgsqlDbType.Text;

    /// <summary>Writes the batch; returns the set-points ignored as duplicates (0 when the batch had been committed before).</summary>
    public static async Task<int> WriteAsync(NpgsqlDataSource dataSource, Guid batchId, IReadOnlyList<HistoryRecord> batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var marker = new NpgsqlCommand("INSERT INTO history_batch (batch_id, records) VALUES ($1, $2) ON CONFLICT DO NOTHING", connection, transaction))
        {
            marker.Parameters.AddWithValue(batchId);
            marker.Parameters.AddWithValue(batch.Count);
            if (await marker.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0) return 0;
        }
        await WriteMeasurementsAsync(connection, batch.OfType<MeasurementRecord>().ToList(), cancellationToken).ConfigureAwait(false);
        await WriteForecastsAsync(connection, batch.OfType<ForecastRecord>().ToList(), cancellationToken).ConfigureAwait(false);
        await WritePlansAsync(connection, transaction, batch.OfType<PlanRecord>().ToList(), cancellationToken).ConfigureAwait(false);
        var duplicates = await WriteSetpointsAsync(connection, transaction, batch.OfType<SetpointRecord>().ToList(), cancellationToken).ConfigureAwait(false);
        await WriteReportsAsync(connection, transaction, batch.OfType<ReportRecord>().ToList(), cancellationToken).ConfigureAwait(false);
        await WriteLimitChangesAsync(connection, batch.OfType<LimitChangeRecord>().ToList(), cancellationToken).ConfigureAwait(false);
        await WriteAuditAsync(connection, batch.OfType<AuditRecord>().ToList(), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return duplicates;
    }

    private static DateTime Utc(DateTimeOffset value) => value.UtcDateTime;

    private static async Task WriteMeasurementsAsync(NpgsqlConnection connection, List<MeasurementRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY history_measurement (district, at, subsystem, asset, quantity, vals, unit, received_at, accepted, reason) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var r in records)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.District, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(Utc(r.At), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Subsystem, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Asset, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Quantity, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Values.ToArray(), Doubles, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Unit, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(Utc(r.ReceivedAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Accepted, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(copy, r.Reason, cancellationToken).ConfigureAwait(false);
        }
        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteForecastsAsync(NpgsqlConnection connection, List<ForecastRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY history_forecast (district, at, subsystem, cycle, series, step_minutes, vals) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var r in records)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.District, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(Utc(r.At), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Subsystem, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Cycle, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Series, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.StepMinutes, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Values.ToArray(), Doubles, cancellationToken).ConfigureAwait(false);
        }
        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WritePlansAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PlanRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        var ids = await AllocateIdsAsync(connection, transaction, "history_plan", records.Count, cancellationToken).ConfigureAwait(false);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY history_plan (id, district, at, subsystem, cycle, stage, status, accepted, objective, energy_term, storage_term, comfort_term, factor_names, factor_totals, step_minutes) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.District, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(Utc(r.At), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Subsystem, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Cycle, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Stage, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Status, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Accepted, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Objective, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.EnergyTerm, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.StorageTerm, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.ComfortTerm, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.FactorTotals.Keys.ToArray(), Texts, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.FactorTotals.Values.ToArray(), Doubles, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.StepMinutes, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY history_plan_draw (plan_id, ordinal, resource, draw_kw) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var ordinal = 0;
                foreach (var (resource, kw) in records[i].DrawKw)
                {
                    await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(ordinal++, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(resource, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(kw.ToArray(), Doubles, cancellationToken).ConfigureAwait(false);
                }
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> WriteSetpointsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<SetpointRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return 0;
        await using (var stage = new NpgsqlCommand(
            "CREATE TEMP TABLE history_setpoint_stage (ord integer, district text, at timestamptz, subsystem text, asset text, cycle integer, valid_until timestamptz, value_names text[], vals double precision[], source text) ON COMMIT DROP",
            connection, transaction))
        {
            await stage.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY history_setpoint_stage (ord, district, at, subsystem, asset, cycle, valid_until, value_names, vals, source) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.District, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(Utc(r.At), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Subsystem, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Asset, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Cycle, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(Utc(r.ValidUntil), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Values.Keys.ToArray(), Texts, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Values.Values.ToArray(), Doubles, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var insert = new NpgsqlCommand(
            "INSERT INTO history_setpoint (district, at, subsystem, asset, cycle, valid_until, value_names, vals, source) " +
            "SELECT district, at, subsystem, asset, cycle, valid_until, value_names, vals, source FROM history_setpoint_stage ORDER BY ord " +
            "ON CONFLICT (district, subsystem, asset, cycle) DO NOTHING", connection, transaction);
        var inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var drop = new NpgsqlCommand("DROP TABLE history_setpoint_stage", connection, transaction);
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return records.Count - inserted;
    }

    private static async Task WriteReportsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ReportRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        var ids = await AllocateIdsAsync(connection, transaction, "history_report", records.Count, cancellationToken).ConfigureAwait(false);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY history_report (id, district, at, cycle, mode, missed, rounds, resolves, violation_before_resources, violation_before_kwh, violation_after_resources, violation_after_kwh, setpoints_committed, wall_ms, step_minutes) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.District, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(Utc(r.At), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Cycle, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Mode, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Missed, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Rounds, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.Resolves, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.ViolationBeforeKwh.Keys.ToArray(), Texts, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.ViolationBeforeKwh.Values.ToArray(), Doubles, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.ViolationAfterKwh.Keys.ToArray(), Texts, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.ViolationAfterKwh.Values.ToArray(), Doubles, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.SetpointsCommitted, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.WallMs, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(r.StepMinutes, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY history_report_profile (report_id, profile, ordinal, resource, kw) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                foreach (var (profile, values) in ReportProfiles.Of(r))
                {
                    var ordinal = 0;
                    foreach (var (resource, kw) in values)
                    {
                        await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                        await copy.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                        await copy.WriteAsync(profile, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                        await copy.WriteAsync(ordinal++, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                        await copy.WriteAsync(resource, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                        await copy.WriteAsync(kw.ToArray(), Doubles, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY history_report_subsystem (report_id, ordinal, subsystem, priority, status, outcome, reason) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var ordinal = 0;
                foreach (var s in records[i].Subsystems)
                {
                    await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(ordinal++, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(s.Subsystem, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(s.Priority, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(s.Status, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(s.Outcome, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await WriteNullableAsync(copy, s.Reason, cancellationToken).ConfigureAwait(false);
                }
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteLimitChangesAsync(NpgsqlConnection connection, List<LimitChangeRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY history_limit_change (district, at, resource, from_cycle, values_kw, source) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var r in records)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.District, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(Utc(r.At), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Resource, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.FromCycle, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.ValuesKw.ToArray(), Doubles, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }
        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAuditAsync(NpgsqlConnection connection, List<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY sems_audit (district, at, principal, action, version, detail, request_id) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var r in records)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.District, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(Utc(r.At), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Principal, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Action, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Version, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.Detail, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(r.RequestId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }
        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null) await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        else await copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long[]> AllocateIdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, $1)", connection, transaction);
        command.Parameters.AddWithValue(count);
        var ids = new long[count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var i = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) ids[i++] = reader.GetInt64(0);
        Array.Sort(ids);
        return ids;
    }
}

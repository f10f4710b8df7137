using System.CommandLine;
using System.Data.Common;
using Sems.Contracts.History;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems history --district NAME [--from ISO] [--to ISO] [--kind K] [--limit N] [--json]</c>: what a served district
/// recorded (set-points, plans, cycle reports, measurements, forecasts, limit changes, the audit log), oldest first.
/// </summary>
internal static class HistoryCommand
{
    public const int MaxLimit = 100_000;

    public const string Notes = """
        --from is inclusive, --to exclusive; both ISO 8601 (UTC when no offset is given), --from before --to.
        The table shows the time (UTC), the kind, the cycle, the subsystem/asset (or resource; for an audit entry, who
        made the change) and what happened, with units (an audit entry: the action, the version it produced, the detail
        and the request id); --json prints one JSON object per line instead ("kind", then the record's fields).
        Exit code: 0 success (also when nothing matches), 2 invalid options, 3 the database cannot be read.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr, CliBackends backends)
    {
        var connection = DbCommand.ConnectionOption();
        var district = CliOptions.Text("--district", "The district id (as served, e.g. \"district\").", "NAME", required: true);
        var from = CliOptions.Timestamp("--from", "The earliest time to show (inclusive).");
        var to = CliOptions.Timestamp("--to", "The time to stop before (exclusive).");
        var kind = new Option<string>("--kind") { Description = "Only records of this kind (default: all kinds)." };
        kind.AcceptOnlyFromAmong([.. HistoryKindNames.All.Select(k => k.Option)]);
        var limit = CliOptions.WholeNumber("--limit", $"At most this many records, from 1 to {MaxLimit}.", 1000, 1, MaxLimit, $"from 1 to {MaxLimit}");
        var json = new Option<bool>("--json") { Description = "Print JSON lines (one object per record) instead of a table." };
        var command = new Command("history", "Shows what a district recorded: set-points, plans, cycle reports, measurements, forecasts, limit changes and the audit log, oldest first.")
        {
            connection, district, from, to, kind, limit, json,
        };
        command.Validators.Add(result =>
        {
            // Only when both parsed: a malformed timestamp is already reported by its option.
            if (result.GetResult(from) is not { Errors: var fromErrors } || result.GetResult(to) is not { Errors: var toErrors } || fromErrors.Any() || toErrors.Any()) return;
            if (result.GetValue(from) is { } start && result.GetValue(to) is { } end && start >= end)
                result.AddError($"--from: {start:O} is not before --to {end:O}; the range is from --from (inclusive) to --to (exclusive)");
        });
        command.SetAction((result, cancellationToken) => RunAsync(
            new HistoryQuery(result.GetRequiredValue(district), HistoryKindNames.FromOption(result.GetValue(kind)), result.GetValue(from), result.GetValue(to), result.GetValue(limit)),
            result.GetValue(connection), result.GetValue(json), backends, stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(HistoryQuery query, string? connectionOption, bool json, CliBackends backends, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (DbCommand.Connection(connectionOption, "history", stderr) is not { } connection) return SemsCli.InvalidInput;
        if (backends.HistoryReaders is not { } readers) return SemsCli.Fail(stderr, $"history: {CliBackends.NoPostgres}");
        IReadOnlyList<HistoryRecord> records;
        try
        {
            records = await readers.Create(connection).ReadAsync(query.District, query.Kind, query.From, query.To, query.Limit, cancellationToken);
        }
        catch (ArgumentException e)
        {
            // Npgsql refuses a malformed connection string; its text is not echoed (it may hold a password).
            stderr.WriteLine($"sems: history: the connection string is not valid: {e.Message}");
            return SemsCli.InvalidInput;
        }
        catch (Exception e) when (e is DbException or IOException or TimeoutException)
        {
            stderr.WriteLine($"sems: history: the database cannot be read: {e.Message}");
            return SemsCli.IoFailure;
        }

        if (json) HistoryFormat.WriteJsonLines(stdout, records);
        else HistoryFormat.WriteTable(stdout, query.District, records, query.Limit);
        return 0;
    }

    private sealed record HistoryQuery(string District, HistoryKind? Kind, DateTimeOffset? From, DateTimeOffset? To, int Limit);
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sems.Contracts.History;

namespace Sems.Silo.Cli;

/// <summary>
/// How <c>sems history</c> prints records: a table for people (time, kind, cycle, subject, what happened with units;
/// for an audit entry the subject is who made the change and "what" is the action, the version it produced, the detail
/// and the request id)
/// or JSON lines for programs (one object per record: "kind", then the record's fields in the contract's order).
/// </summary>
internal static class HistoryFormat
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One JSON object per line, oldest first.</summary>
    public static void WriteJsonLines(TextWriter output, IEnumerable<HistoryRecord> records)
    {
        foreach (var record in records) output.WriteLine(JsonLine(record));
    }

    /// <summary>The record as one line of JSON: "kind" (singular, as the table prints it), then every field in the order the record declares it.</summary>
    public static string JsonLine(HistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var type = record.GetType();
        var fields = JsonSerializer.SerializeToNode(record, type, Json)!.AsObject();
        var line = new JsonObject { ["kind"] = HistoryKindNames.Label(record.Kind) };
        var order = type.GetConstructors().MaxBy(c => c.GetParameters().Length)?.GetParameters().Select(p => Json.PropertyNamingPolicy!.ConvertName(p.Name!)).ToList() ?? [];
        foreach (var name in order.Concat(fields.Select(f => f.Key).Where(k => !order.Contains(k))))
        {
            if (name == "kind" || !fields.TryGetPropertyValue(name, out var value)) continue;
            line[name] = value?.DeepClone();
        }

        return line.ToJsonString(Json);
    }

    /// <summary>An aligned table, oldest first, with a line saying how many records it shows.</summary>
    public static void WriteTable(TextWriter output, string district, IReadOnlyList<HistoryRecord> records, int limit)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            output.WriteLine($"no records of district \"{district}\" in that range");
            return;
        }

        var rows = new List<IReadOnlyList<string>> { new[] { "time (UTC)", "kind", "cycle", "subject", "what" } };
        rows.AddRange(records.Select(Row));
        foreach (var line in TextColumns.Lines(rows, k => k == 2)) output.WriteLine(line);
        output.WriteLine(records.Count >= limit
            ? $"{records.Count} records of district \"{district}\" (the limit; --limit N shows more)"
            : $"{records.Count} record{(records.Count == 1 ? "" : "s")} of district \"{district}\"");
    }

    private static string[] Row(HistoryRecord record)
    {
        var (cycle, subject, what) = record switch
        {
            MeasurementRecord m => ((int?)null, $"{m.Subsystem}/{m.Asset}",
                $"{m.Quantity} = {string.Join("; ", m.Values.Select(v => Units.Number(v)))} {m.Unit}{(m.Accepted ? "" : $", rejected: {m.Reason}")}"),
            ForecastRecord f => (f.Cycle, f.Subsystem,
                $"{f.Series}: {f.Values.Count} values every {f.StepMinutes} min{(f.Values.Count > 0 ? $", {Units.Number(f.Values.Min())} to {Units.Number(f.Values.Max())}" : "")}"),
            PlanRecord p => (p.Cycle, p.Subsystem,
                $"{p.Stage} {p.Status}{(p.Accepted ? "" : " (not accepted)")}, objective {Units.Number(p.Objective, 3)}{StepZero(" draw", p.DrawKw, "kW")}"),
            SetpointRecord s => (s.Cycle, $"{s.Subsystem}/{s.Asset}",
                $"{string.Join(", ", s.Values.Select(v => $"{v.Key} {Units.Number(v.Value)}{UnitOf(v.Key)}"))} until {Time(s.ValidUntil)} ({s.Source})"),
            ReportRecord r => (r.Cycle, r.District,
                r.Missed
                    ? $"{r.Mode}: missed"
                    : $"{r.Mode}: {r.Rounds} round{(r.Rounds == 1 ? "" : "s")}, {r.Resolves} re-solve{(r.Resolves == 1 ? "" : "s")}, " +
                      $"violation {string.Join(", ", r.ViolationAfterKwh.Select(v => $"{v.Key} {Units.Number(r.ViolationBeforeKwh.GetValueOrDefault(v.Key), 3)} → {Units.Number(v.Value, 3)} kWh"))}, " +
                      $"{r.SetpointsCommitted} set-points, {Units.Number(r.WallMs, 1)} ms"),
            LimitChangeRecord l => (l.FromCycle, l.Resource,
                $"{(l.ValuesKw.Count > 0 ? $"{Units.Number(l.ValuesKw[0])} kW at step 0, max {Units.Number(l.ValuesKw.Max())} kW over {l.ValuesKw.Count} steps" : "no values")}, by {l.Source}"),
            AuditRecord a => ((int?)null, Printable(a.Principal),
                $"{Printable(a.Action)}, version {a.Version.ToString(CultureInfo.InvariantCulture)}: {Printable(a.Detail)} (request {Printable(a.RequestId)})"),
            _ => ((int?)null, record.District, record.Kind.ToString()),
        };
        return [Time(record.At), HistoryKindNames.Label(record.Kind), cycle?.ToString(CultureInfo.InvariantCulture) ?? "", subject, what];
    }

    private static string StepZero(string prefix, IReadOnlyDictionary<string, IReadOnlyList<double>> profiles, string unit) =>
        profiles.Count == 0 ? "" : $",{prefix} " + string.Join(", ", profiles.Select(p => $"{p.Key} {(p.Value.Count > 0 ? Units.Number(p.Value[0]) : "—")} {unit}")) + " at step 0";

    /// <summary>The unit a set-point value's name carries: "…Kw" kW, "…Kwh" kWh, "…C" °C, "…Percent" %.</summary>
    private static string UnitOf(string name) =>
        name.EndsWith("Kwh", StringComparison.Ordinal) ? " kWh"
        : name.EndsWith("Kw", StringComparison.Ordinal) ? " kW"
        : name.EndsWith("Percent", StringComparison.Ordinal) ? " %"
        : name.EndsWith("C", StringComparison.Ordinal) && name.Length > 1 && char.IsLower(name[^2]) ? " °C"
        : "";

    /// <summary>
    /// Text an API caller wrote, on one line: control characters are shown escaped (<c>\n</c>, <c>\r</c>, <c>\t</c>,
    /// others as <c>\u001B</c>), so an audit entry cannot print a line that looks like another entry. --json has the exact text.
    /// </summary>
    private static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(char.IsControl)) return text ?? "";
        var printable = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            printable.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return printable.ToString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

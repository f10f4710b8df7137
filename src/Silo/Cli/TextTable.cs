using Sems.Silo.Reporting;

namespace Sems.Silo.Cli;

/// <summary>Prints a report table as aligned text.</summary>
internal static class TextTable
{
    public static void Write(TextWriter o, ReportTable table)
    {
        var widths = table.Columns.Select((c, k) => Math.Max(c.Length, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r[k].Length))).ToList();
        o.WriteLine();
        o.WriteLine(table.Title);
        o.WriteLine(string.Join("  ", table.Columns.Select((c, k) => k == 0 ? c.PadRight(widths[k]) : c.PadLeft(widths[k]))));
        foreach (var row in table.Rows) o.WriteLine(string.Join("  ", row.Select((c, k) => k == 0 ? c.PadRight(widths[k]) : c.PadLeft(widths[k]))));
        if (table.Note is not null) o.WriteLine(table.Note);
        o.WriteLine();
    }
}

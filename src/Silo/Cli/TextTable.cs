using Sems.Silo.Reporting;

namespace Sems.Silo.Cli;

/// <summary>Prints a report table as aligned text: the first column left-aligned, the others right-aligned.</summary>
internal static class TextTable
{
    public static void Write(TextWriter o, ReportTable table)
    {
        o.WriteLine();
        o.WriteLine(table.Title);
        foreach (var line in TextColumns.Lines([table.Columns, .. table.Rows], k => k > 0)) o.WriteLine(line);
        if (table.Note is not null) o.WriteLine(table.Note);
        o.WriteLine();
    }
}

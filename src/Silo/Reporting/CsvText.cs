using System.Globalization;
using System.Text;

namespace Sems.Silo.Reporting;

/// <summary>The text of a <see cref="ReportCsv"/>: header row, then numbers in invariant round-trip form, '\n' line ends.</summary>
internal static class CsvText
{
    public static string Format(ReportCsv csv)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', csv.Columns.Select(Quote)).Append('\n');
        foreach (var row in csv.Rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(row[i].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    // RFC 4180: a header containing a comma, a quote or a line break is quoted, inner quotes doubled.
    private static string Quote(string header) =>
        header.AsSpan().IndexOfAny(",\"\r\n") < 0 ? header : "\"" + header.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

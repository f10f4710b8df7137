using System.Globalization;
using System.Text;

namespace Sems.Silo.Cli;

/// <summary>
/// Lays rows of cells out in aligned columns for a fixed-width terminal: every column is padded to its widest cell by
/// display width (wide East Asian characters count two columns, combining marks none), left- or right-aligned.
/// </summary>
internal static class TextColumns
{
    /// <summary>The gap between two columns.</summary>
    public const string Gap = "  ";

    /// <summary>One line per row; <paramref name="rightAligned"/> says per column whether it is right-aligned.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<IReadOnlyList<string>> rows, Func<int, bool> rightAligned, string indent = "")
    {
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(k => rows.Max(r => k < r.Count ? DisplayWidth(r[k]) : 0)).ToArray();
        return rows.Select(row =>
        {
            var line = new StringBuilder(indent);
            for (var k = 0; k < row.Count; k++)
            {
                if (k > 0) line.Append(Gap);
                var padding = new string(' ', widths[k] - DisplayWidth(row[k]));
                line.Append(rightAligned(k) ? padding + row[k] : row[k] + (k == row.Count - 1 ? "" : padding));
            }

            return line.ToString();
        }).ToList();
    }

    /// <summary>The number of terminal columns <paramref name="text"/> takes.</summary>
    public static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format || Rune.IsControl(rune)) continue;
            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    private static bool IsWide(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1F64F)
            or (>= 0x1F900 and <= 0x1F9FF) or (>= 0x20000 and <= 0x3FFFD);
}

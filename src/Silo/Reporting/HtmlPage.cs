using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Sems.Silo.Reporting;

/// <summary>The text of index.html: one self-contained page (inline CSS, no scripts) linking the PNGs and CSV files beside it.</summary>
internal static partial class HtmlPage
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
        h1 { border-bottom: 2px solid #1f77b4; padding-bottom: .2em; }
        h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
        nav ol { padding-left: 1.5em; }
        table { border-collapse: collapse; margin: 1em 0; font-size: .95em; }
        caption { font-weight: bold; text-align: left; padding: .3em 0; }
        th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
        th { background: #f0f4f8; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #fafafa; }
        p.note { font-size: .9em; color: #555; margin-top: -.5em; }
        figure { margin: 1.5em 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { font-size: .9em; color: #555; }
        ul.csv { font-size: .95em; }
        """;

    public static string Build(string title, string introduction, IReadOnlyList<ReportSection> sections, int figureWidth, int figureHeight)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        Paragraphs(html, introduction);

        if (sections.Count > 1)
        {
            html.Append("<nav>\n<ol>\n");
            for (var s = 0; s < sections.Count; s++)
                html.Append("<li><a href=\"#").Append(Anchor(s)).Append("\">").Append(Encode(sections[s].Heading)).Append("</a></li>\n");
            html.Append("</ol>\n</nav>\n");
        }

        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s];
            html.Append("<section id=\"").Append(Anchor(s)).Append("\">\n<h2>").Append(Encode(section.Heading)).Append("</h2>\n");
            Paragraphs(html, section.Text);
            foreach (var table in section.Tables) Table(html, table);
            foreach (var figure in section.Figures)
            {
                html.Append("<figure>\n<img src=\"").Append(Link(figure.FileName)).Append("\" alt=\"").Append(Encode(figure.Title))
                    .Append("\" width=\"").Append(figureWidth.ToString(CultureInfo.InvariantCulture))
                    .Append("\" height=\"").Append(figureHeight.ToString(CultureInfo.InvariantCulture)).Append("\">\n")
                    .Append("<figcaption>").Append(Encode(figure.Title)).Append("</figcaption>\n</figure>\n");
            }

            if (section.Csvs.Count > 0)
            {
                html.Append("<ul class=\"csv\">\n");
                foreach (var csv in section.Csvs)
                {
                    html.Append("<li>Data (CSV): <a href=\"").Append(Link(csv.FileName)).Append("\">").Append(Encode(csv.FileName)).Append("</a>, ")
                        .Append(csv.Rows.Count.ToString(CultureInfo.InvariantCulture)).Append(csv.Rows.Count == 1 ? " row" : " rows")
                        .Append("; columns: ").Append(Encode(string.Join(", ", csv.Columns))).Append("</li>\n");
                }

                html.Append("</ul>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>HTML-escapes text for element content and quoted attributes (&amp; &lt; &gt; &quot; &#39;).</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Link(string fileName) => Encode(Uri.EscapeDataString(fileName));

    private static string Anchor(int section) => "section-" + (section + 1).ToString(CultureInfo.InvariantCulture);

    // Blank lines separate paragraphs; a single line break stays a line break.
    private static void Paragraphs(StringBuilder html, string text)
    {
        foreach (var paragraph in BlankLine().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()))
        {
            if (paragraph.Length == 0) continue;
            html.Append("<p>").Append(string.Join("<br>\n", paragraph.Split('\n').Select(line => Encode(line.Trim())))).Append("</p>\n");
        }
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        html.Append("<table>\n<caption>").Append(Encode(table.Title)).Append("</caption>\n<thead>\n<tr>");
        foreach (var column in table.Columns) html.Append("<th scope=\"col\">").Append(Encode(column)).Append("</th>");
        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append(IsNumber(cell) ? "<td class=\"num\">" : "<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (!string.IsNullOrWhiteSpace(table.Note)) html.Append("<p class=\"note\">").Append(Encode(table.Note)).Append("</p>\n");
    }

    // Numbers (optionally signed, with a trailing % or unit-free) are right-aligned.
    private static bool IsNumber(string cell) =>
        double.TryParse(cell.Trim().TrimEnd('%'), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLine();
}

using System.Text;

namespace Sems.Silo.Reporting;

/// <summary>
/// Writes a report folder: one PNG per figure, one CSV per <see cref="ReportCsv"/>, and a self-contained index.html
/// (inline CSS, every text HTML-escaped) that shows the tables and figures and links the CSV files.
/// </summary>
/// <remarks>
/// The whole report is checked before anything is written, and every figure is rendered in memory first; the files are
/// then written as one set with <see cref="AtomicFolder"/>: all of them or none. Only the files named by the report are
/// replaced; anything else in the folder is left alone. Plot text needs an installed TrueType font (on Linux, under
/// /usr/share/fonts, e.g. Debian's fonts-dejavu-core); without one, <see cref="Write"/> throws
/// <see cref="InvalidOperationException"/> rather than produce plots without labels.
/// </remarks>
public static class ReportWriter
{
    /// <summary>Width of every figure, in pixels.</summary>
    public const int FigureWidth = 900;

    /// <summary>Height of every figure, in pixels.</summary>
    public const int FigureHeight = 450;

    /// <summary>The name of the page written into the report folder.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>Writes the report into <paramref name="directory"/> (created if missing).</summary>
    /// <param name="directory">The report folder.</param>
    /// <param name="title">Page title and top heading.</param>
    /// <param name="introduction">Plain text under the title; a blank line starts a new paragraph.</param>
    /// <param name="sections">The sections, in page order.</param>
    /// <returns>The full path of the index.html written.</returns>
    /// <exception cref="ArgumentException">
    /// A file name is not a bare name with the right extension (".png" for figures, ".csv" for CSV files), is used
    /// twice, or a figure, table or CSV file is inconsistent (series lengths, row widths, non-finite plot values).
    /// </exception>
    /// <exception cref="InvalidOperationException">No font is installed to draw the plot text with.</exception>
    public static string Write(string directory, string title, string introduction, IReadOnlyList<ReportSection> sections)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ReportValidation.Check(title, introduction, sections);

        var files = new List<(string Name, byte[] Content)>();
        foreach (var figure in sections.SelectMany(s => s.Figures))
            files.Add((figure.FileName, FigureRenderer.RenderPng(figure, FigureWidth, FigureHeight)));

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var csv in sections.SelectMany(s => s.Csvs))
            files.Add((csv.FileName, utf8.GetBytes(CsvText.Format(csv))));

        files.Add((IndexFileName, utf8.GetBytes(HtmlPage.Build(title, introduction, sections, FigureWidth, FigureHeight))));

        AtomicFolder.Write(directory, files.Select(f => new OutputFile([f.Name], () => f.Content)));
        return OutputPath.Under(directory, IndexFileName);
    }
}

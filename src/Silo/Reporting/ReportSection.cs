namespace Sems.Silo.Reporting;

/// <summary>One section of a report: a heading, text, then its tables, figures and CSV links, in that order.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Text">Plain text; a blank line starts a new paragraph.</param>
/// <param name="Tables">Tables shown in the page.</param>
/// <param name="Figures">Figures rendered to PNG and shown in the page.</param>
/// <param name="Csvs">CSV files written beside index.html and linked from the page.</param>
public sealed record ReportSection(
    string Heading,
    string Text,
    IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<ReportCsv> Csvs);

namespace Sems.Silo.Reporting;

/// <summary>One plot of a report, rendered to <see cref="FileName"/> (a PNG beside index.html).</summary>
/// <param name="FileName">A bare file name ending in ".png": no directory part.</param>
/// <param name="Title">Title above the plot; also the alt text of its image.</param>
/// <param name="XLabel">Bottom axis label, with its unit, e.g. "time (h)".</param>
/// <param name="YLabel">Left axis label, with its unit, e.g. "power (kW)".</param>
/// <param name="Kind">How the series are drawn.</param>
/// <param name="Series">The series, each with a legend entry.</param>
/// <param name="Categories">Bar labels for <see cref="FigureKind.StackedBars"/> (required there, unused otherwise).</param>
/// <param name="RightAxisLabel">Right axis label, with its unit, for the series that are <see cref="ReportSeries.OnRightAxis"/>.</param>
/// <param name="XIsOADate">
/// X values are OLE Automation dates (<see cref="DateTime.ToOADate"/>): the bottom axis shows dates and times
/// instead of numbers. Not for stacked bars.
/// </param>
/// <param name="ReferenceLines">
/// Horizontal lines across the plot at a left-axis value, each with a legend entry (e.g. a DSO limit); null for none.
/// </param>
/// <param name="YFromZero">The left axis starts at 0 (for quantities that cannot be negative, e.g. energy per day).</param>
public sealed record ReportFigure(
    string FileName,
    string Title,
    string XLabel,
    string YLabel,
    FigureKind Kind,
    IReadOnlyList<ReportSeries> Series,
    IReadOnlyList<string>? Categories = null,
    string? RightAxisLabel = null,
    bool XIsOADate = false,
    IReadOnlyList<ReportReferenceLine>? ReferenceLines = null,
    bool YFromZero = false);

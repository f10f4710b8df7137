namespace Sems.Silo.Reporting;

/// <summary>A horizontal line across a <see cref="ReportFigure"/> at a value of its left axis, drawn dashed.</summary>
/// <param name="Name">Legend text, with the value and its unit, e.g. "DSO limit, 70 kW".</param>
/// <param name="Y">The left-axis value; finite.</param>
public sealed record ReportReferenceLine(string Name, double Y);

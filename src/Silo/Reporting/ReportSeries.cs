namespace Sems.Silo.Reporting;

/// <summary>
/// One named series of a <see cref="ReportFigure"/>. X is numeric (hours from the start, or an OLE Automation
/// date); for <see cref="FigureKind.StackedBars"/> X is ignored and Y[i] is the value for the figure's Categories[i].
/// </summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">
/// Abscissae: one per Y value (a step series may instead give one more, its step edges); ignored for stacked bars.
/// </param>
/// <param name="Y">Ordinates; finite.</param>
/// <param name="OnRightAxis">
/// Plot against the right-hand axis (labelled with the figure's RightAxisLabel), e.g. a temperature drawn against a
/// price. Lines, scatters and steps only.
/// </param>
/// <param name="Labels">
/// Text drawn beside each point, one per Y value (e.g. the weighting a–e of a frontier point); null for none. Lines,
/// scatters and steps only.
/// </param>
public sealed record ReportSeries(string Name, double[] X, double[] Y, bool OnRightAxis = false, IReadOnlyList<string>? Labels = null);

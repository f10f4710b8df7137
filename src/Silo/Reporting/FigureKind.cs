namespace Sems.Silo.Reporting;

/// <summary>How a <see cref="ReportFigure"/> draws its series.</summary>
public enum FigureKind
{
    /// <summary>Each series is a line through its (X, Y) points, without markers.</summary>
    Line,

    /// <summary>Each series is a cloud of markers at its (X, Y) points, not connected.</summary>
    Scatter,

    /// <summary>
    /// One bar per category; each series is one component of every stack, Y[i] being its value for
    /// Categories[i] (X is ignored). Positive values stack upwards from zero, negative ones downwards.
    /// </summary>
    StackedBars,

    /// <summary>
    /// Each series is a staircase: Y[i] holds from X[i] until X[i + 1] (piecewise constant, as a schedule). X has
    /// either one value per Y (the last value then shows only at its own X) or one more than Y: the step edges, so
    /// the last value holds until the final edge.
    /// </summary>
    Step,
}

using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace Sems.Silo.Reporting;

/// <summary>Renders one validated <see cref="ReportFigure"/> to PNG bytes with ScottPlot.</summary>
internal static class FigureRenderer
{
    // Sans-serif families tried first, in order; ScottPlot's own pick is the fallback.
    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI"];

    private static readonly Lazy<string?> Font = new(FindFont);

    /// <summary>The font family used for all plot text, or null when the machine has no usable font at all.</summary>
    public static string? FontFamily => Font.Value;

    public static byte[] RenderPng(ReportFigure figure, int width, int height)
    {
        var font = FontFamily ?? throw new InvalidOperationException(
            "no font is installed, so plot text (titles, axis labels, legends) cannot be drawn; install a TrueType font "
            + "under /usr/share/fonts (on Debian or Ubuntu: apt-get install fonts-dejavu-core)");

        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        if (figure.Kind == FigureKind.StackedBars)
            AddStackedBars(plot, figure, palette);
        else
            AddXySeries(plot, figure, palette, font);

        plot.Title(figure.Title);
        plot.XLabel(figure.XLabel);
        plot.YLabel(figure.YLabel);
        if (figure.Series.Count > 0 || figure.ReferenceLines is { Count: > 0 }) plot.ShowLegend(Edge.Right);

        plot.Font.Set(font);
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.Font = Fonts.GetTypeface(font, bold: true, italic: false); // Set() fixed a regular typeface
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static void AddXySeries(Plot plot, ReportFigure figure, IPalette palette, string font)
    {
        if (figure.XIsOADate)
        {
            // ISO dates rather than the invariant culture's month/day/year.
            var ticks = new ScottPlot.TickGenerators.DateTimeAutomatic
            {
                LabelFormatter = t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd\nHH:mm", CultureInfo.InvariantCulture),
            };
            plot.Axes.DateTimeTicksBottom().TickGenerator = ticks;
        }

        var anyRight = false;
        var allX = figure.Series.SelectMany(s => s.X).DefaultIfEmpty(0).ToList();
        var (xMin, xMax) = (allX.Min(), allX.Max());
        for (var s = 0; s < figure.Series.Count; s++)
        {
            var series = figure.Series[s];
            var ys = series.Y;
            if (figure.Kind == FigureKind.Step && series.X.Length == ys.Length + 1 && ys.Length > 0)
                ys = [.. ys, ys[^1]]; // X holds the step edges: hold the last value until the final edge

            var scatter = plot.Add.Scatter(series.X, ys, palette.GetColor(s));
            scatter.LegendText = series.Name;
            switch (figure.Kind)
            {
                case FigureKind.Line:
                    scatter.MarkerSize = 0;
                    scatter.LineWidth = 2;
                    break;
                case FigureKind.Step:
                    scatter.MarkerSize = 0;
                    scatter.LineWidth = 2;
                    scatter.ConnectStyle = ConnectStyle.StepHorizontal;
                    break;
                default:
                    scatter.LineWidth = 0;
                    scatter.MarkerSize = 6;
                    break;
            }

            if (series.OnRightAxis)
            {
                scatter.Axes.YAxis = plot.Axes.Right;
                anyRight = true;
            }

            for (var i = 0; i < (series.Labels?.Count ?? 0); i++)
            {
                var text = plot.Add.Text(series.Labels![i], series.X[i], series.Y[i]);
                text.LabelFontName = font;
                text.LabelFontSize = 14;
                text.LabelBold = true;
                text.LabelFontColor = palette.GetColor(s);
                // Up and to the right of its point; to the left for points in the right half, so the text stays inside.
                var right = series.X[i] > (xMin + xMax) / 2;
                text.LabelAlignment = right ? Alignment.LowerRight : Alignment.LowerLeft;
                text.OffsetX = right ? -6 : 6;
                text.OffsetY = -6;
                if (series.OnRightAxis) text.Axes.YAxis = plot.Axes.Right;
            }
        }

        var anyLabels = figure.Series.Any(s => s.Labels is { Count: > 0 });
        if (anyLabels) plot.Axes.Margins(horizontal: 0.2, vertical: 0.2); // room for the text beside the outermost points
        if (figure.Kind == FigureKind.Scatter) WidenNarrowRanges(plot, figure);

        foreach (var reference in figure.ReferenceLines ?? [])
        {
            var line = plot.Add.HorizontalLine(reference.Y, 2, Colors.Black, LinePattern.Dashed);
            line.LegendText = reference.Name;
        }

        if (anyRight && figure.RightAxisLabel is { } label) plot.Axes.Right.Label.Text = label;
        if (figure.YFromZero)
        {
            plot.Axes.AutoScale();
            var limits = plot.Axes.GetLimits();
            plot.Axes.SetLimitsY(0, Math.Max(limits.Top, 1));
        }
    }

    /// <summary>
    /// A scatter whose points span less than 2 % of their magnitude on an axis gets that axis widened to ±1 % around
    /// their centre, so that its tick labels stay distinct numbers instead of one value repeated.
    /// </summary>
    private static void WidenNarrowRanges(Plot plot, ReportFigure figure)
    {
        var left = figure.Series.Where(s => !s.OnRightAxis && s.Y.Length > 0).ToList();
        if (left.Count == 0) return;
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        static (double Min, double Max)? Widened(IEnumerable<double> values)
        {
            var list = values.ToList();
            var (min, max) = (list.Min(), list.Max());
            var scale = Math.Max(Math.Abs(min), Math.Abs(max));
            if (scale == 0 || max - min >= 0.02 * scale) return null;
            var centre = (min + max) / 2;
            return (centre - 0.01 * scale, centre + 0.01 * scale);
        }

        var x = Widened(left.SelectMany(s => s.X));
        var y = Widened(left.SelectMany(s => s.Y));
        plot.Axes.SetLimits(x?.Min ?? limits.Left, x?.Max ?? limits.Right, y?.Min ?? limits.Bottom, y?.Max ?? limits.Top);
    }

    private static void AddStackedBars(Plot plot, ReportFigure figure, IPalette palette)
    {
        var categories = figure.Categories!;
        var positiveTop = new double[categories.Count];
        var negativeBottom = new double[categories.Count];
        for (var s = 0; s < figure.Series.Count; s++)
        {
            var series = figure.Series[s];
            var color = palette.GetColor(s);
            var bars = new List<Bar>(categories.Count);
            for (var i = 0; i < categories.Count; i++)
            {
                // Positive parts stack upwards from zero, negative parts (exports, discharges) downwards.
                var value = series.Y[i];
                double bottom, top;
                if (value >= 0)
                {
                    bottom = positiveTop[i];
                    top = bottom + value;
                    positiveTop[i] = top;
                }
                else
                {
                    top = negativeBottom[i];
                    bottom = top + value;
                    negativeBottom[i] = bottom;
                }

                bars.Add(new Bar { Position = i, ValueBase = bottom, Value = top, FillColor = color, LineWidth = 0 });
            }

            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series.Name;
            plottable.Color = color;
        }

        var anyNegative = negativeBottom.Any(v => v < 0);
        if (anyNegative)
        {
            var zero = plot.Add.HorizontalLine(0, 1, Colors.Black);
            zero.ExcludeFromLegend = true;
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, categories.Count).Select(i => (double)i)], [.. categories]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Grid.XAxisStyle.MinorLineStyle.Width = 0;
        if (!anyNegative) plot.Axes.Margins(bottom: 0);
    }

    private static string? FindFont()
    {
        var installed = new HashSet<string>(SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
        var preferred = PreferredFonts.FirstOrDefault(installed.Contains);
        if (preferred is not null) return preferred;
        using var fallback = SKTypeface.FromFamilyName(Fonts.Default);
        return fallback is { GlyphCount: > 0 } ? fallback.FamilyName : null;
    }
}

using Sems.Silo.Reporting;
using SkiaSharp;
using Xunit;

namespace Sems.Cli.Tests.Reporting;

/// <summary>
/// <see cref="FigureRenderer"/>'s reference lines and point labels, checked on the pixels: each render is compared with
/// one that differs only by the feature, and what changed is located independently of the renderer's own geometry.
/// </summary>
public sealed class FigureRendererTests
{
    private const int Width = 900;
    private const int Height = 450;

    private static readonly double[] Xs = [0, 2, 4, 6, 8, 10];

    private static ReportFigure Zigzag => new("z.png", "zigzag", "time (h)", "power (kW)", FigureKind.Line,
        [new ReportSeries("draw", Xs, [0, 140, 0, 140, 0, 140])]);

    [Fact]
    public void A_reference_line_is_drawn_across_the_plot_where_a_series_at_its_value_is_drawn()
    {
        using var plain = Render(Zigzag);
        using var withLine = Render(Zigzag with { ReferenceLines = [new ReportReferenceLine("limit", 70)] });
        // The second method: a constant series at 70 kW (same legend text, so the data area is the same size).
        using var withSeries = Render(Zigzag with { Series = [.. Zigzag.Series, new ReportSeries("limit", [0, 10], [70, 70])] });

        var lineRows = RowsCrossedByAChange(plain, withLine);
        var seriesRows = RowsCrossedByAChange(plain, withSeries);
        Assert.NotEmpty(lineRows);
        Assert.NotEmpty(seriesRows);
        Assert.True(lineRows.Max() - lineRows.Min() <= 4, $"the reference line spans rows {lineRows.Min()}–{lineRows.Max()}: not one horizontal line");
        Assert.InRange(lineRows.Average(), seriesRows.Average() - 2, seriesRows.Average() + 2);
        // 70 kW is half-way up a 0–140 kW zigzag: the line is near the middle of the image, not at an edge.
        Assert.InRange(lineRows.Average(), 0.3 * Height, 0.7 * Height);
    }

    [Fact]
    public void Point_labels_sit_beside_their_points_in_the_order_of_the_data()
    {
        var points = new ReportFigure("p.png", "points", "cost (GBP)", "CO2 (kg)", FigureKind.Scatter,
            [new ReportSeries("runs", [0, 5, 10], [0, 10, 5])]);
        // Empty labels keep everything else equal (the axes leave the same room for text), so only the letters differ.
        using var plain = Render(points with { Series = [points.Series[0] with { Labels = ["", "", ""] }] });
        using var labelled = Render(points with { Series = [points.Series[0] with { Labels = ["a", "b", "c"] }] });

        var clusters = ChangedClusters(plain, labelled);
        Assert.Equal(3, clusters.Count);
        // Left to right as the data's X (a, b, c); top to bottom as the data's Y from high to low (b 10, c 5, a 0).
        var byX = clusters.OrderBy(c => c.X).ToList();
        Assert.True(byX[1].Y < byX[2].Y && byX[2].Y < byX[0].Y,
            $"label centres (x, y): {string.Join("; ", byX.Select(c => $"({c.X:0}, {c.Y:0})"))}");
    }

    [Fact]
    public void Labels_that_do_not_match_the_points_and_reference_lines_off_the_axis_are_refused()
    {
        using var temp = new TempDirectory();
        var badLabels = Zigzag with { Series = [Zigzag.Series[0] with { Labels = ["a", "b"] }] };
        var badLine = Zigzag with { ReferenceLines = [new ReportReferenceLine("limit", double.NaN)] };
        var e1 = Assert.Throws<ArgumentException>(() => ReportWriter.Write(temp.Path, "t", "", [new ReportSection("s", "", [], [badLabels], [])]));
        Assert.Contains("2 point labels, not one per Y value (6)", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<ArgumentException>(() => ReportWriter.Write(temp.Path, "t", "", [new ReportSection("s", "", [], [badLine], [])]));
        Assert.Contains("reference line \"limit\"", e2.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    private static SKBitmap Render(ReportFigure figure) => SKBitmap.Decode(FigureRenderer.RenderPng(figure, Width, Height));

    private static bool Differs(SKBitmap a, SKBitmap b, int x, int y)
    {
        var (p, q) = (a.GetPixel(x, y), b.GetPixel(x, y));
        return Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue) > 60;
    }

    /// <summary>Rows in which at least a quarter of the pixels changed: a line drawn across the plot.</summary>
    private static List<int> RowsCrossedByAChange(SKBitmap a, SKBitmap b) =>
        Enumerable.Range(0, Height).Where(y => Enumerable.Range(0, Width).Count(x => Differs(a, b, x, y)) > Width / 4).ToList();

    /// <summary>Centres of the groups of changed pixels (pixels within 3 px of each other belong to one group).</summary>
    private static List<(double X, double Y)> ChangedClusters(SKBitmap a, SKBitmap b)
    {
        var changed = new HashSet<(int X, int Y)>();
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                if (Differs(a, b, x, y)) changed.Add((x, y));

        var clusters = new List<(double X, double Y)>();
        while (changed.Count > 0)
        {
            var start = changed.First();
            changed.Remove(start);
            var queue = new Queue<(int X, int Y)>([start]);
            var members = new List<(int X, int Y)>();
            while (queue.Count > 0)
            {
                var p = queue.Dequeue();
                members.Add(p);
                for (var dy = -3; dy <= 3; dy++)
                    for (var dx = -3; dx <= 3; dx++)
                        if (changed.Remove((p.X + dx, p.Y + dy))) queue.Enqueue((p.X + dx, p.Y + dy));
            }

            clusters.Add((members.Average(m => m.X), members.Average(m => m.Y)));
        }

        return clusters;
    }
}

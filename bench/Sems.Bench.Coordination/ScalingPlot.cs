using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace Sems.Bench.Coordination;

/// <summary>
/// The city-scale figure: cycle wall time (s) against subsystems on log–log axes, one line per mode, hosting and
/// root limit found in the scaling CSV (<see cref="ScalingPoint"/>), the 60 s goal as a dashed line and a dotted
/// guide of linear scaling (∝ subsystems) through the first line's smallest point.
/// </summary>
public static class ScalingPlot
{
    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"];

    /// <summary><c>--plot CSV PNG [ROOT-LIMIT]</c>: reads the CSV's finished rows (only those at the root limit when given) and writes the PNG.</summary>
    public static int Run(string csv, string png, string? rootLimit)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(png);
        double? root = null;
        if (rootLimit is not null)
        {
            if (!double.TryParse(rootLimit, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || !(r > 0))
            {
                Console.Error.WriteLine($"Sems.Bench.Coordination: --plot: root limit \"{rootLimit}\" is not a number > 0");
                return 2;
            }

            root = r;
        }

        if (!File.Exists(csv))
        {
            Console.Error.WriteLine($"Sems.Bench.Coordination: --plot: \"{csv}\" does not exist");
            return 2;
        }

        var rows = File.ReadLines(csv).Skip(1).Where(l => l.Length > 0).Select(ScalingPoint.FromCsv)
            .Where(p => p.Status == "ok" && double.IsFinite(p.WallSeconds) && (root is null || Math.Abs(p.RootLimit - root.Value) < 1e-9)).ToList();
        if (rows.Count == 0)
        {
            Console.Error.WriteLine($"Sems.Bench.Coordination: --plot: \"{csv}\" has no finished rows{(root is null ? "" : $" at root limit {root}")}");
            return 2;
        }

        File.WriteAllBytes(png, Render(rows, 1200, 750));
        Console.WriteLine($"{png}: {rows.Count} points");
        return 0;
    }

    /// <summary>The figure as PNG bytes.</summary>
    public static byte[] Render(IReadOnlyList<ScalingPoint> rows, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var font = FindFont() ?? throw new InvalidOperationException("no TrueType font is installed (on Debian: apt-get install fonts-dejavu-core)");
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var groups = rows.GroupBy(r => (r.Mode, r.Hosting, r.Silos, r.RootLimit))
            .OrderBy(g => g.Key.Hosting, StringComparer.Ordinal).ThenBy(g => g.Key.Silos).ThenBy(g => g.Key.RootLimit).ThenBy(g => ModeOrder(g.Key.Mode)).ToList();
        var multipleRoots = rows.Select(r => r.RootLimit).Distinct().Count() > 1;
        var markers = new[] { MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare };
        for (var g = 0; g < groups.Count; g++)
        {
            var points = groups[g].OrderBy(p => p.Subsystems).ToList();
            var xs = points.Select(p => Math.Log10(p.Subsystems)).ToArray();
            var ys = points.Select(p => Math.Log10(p.WallSeconds)).ToArray();
            var scatter = plot.Add.Scatter(xs, ys, palette.GetColor(g));
            scatter.LineWidth = 2.5f;
            var (mode, hosting, silos, rootLimit) = groups[g].Key;
            // The grains' points often sit on one another at one size: open markers drawn larger stay visible.
            scatter.MarkerSize = hosting == "local" ? 10 : hosting == "silo" ? 16 : 9;
            scatter.MarkerShape = hosting == "silo" ? (g % 2 == 0 ? MarkerShape.OpenCircle : MarkerShape.OpenSquare) : markers[g % markers.Length];
            scatter.MarkerLineWidth = 2;
            var where = hosting switch { "local" => "engine", "silo" => "1 silo", _ => $"{silos} silo{(silos == 1 ? "" : "s")}, PostgreSQL" };
            scatter.LegendText = string.Create(CultureInfo.InvariantCulture, $"{mode} ({where}{(multipleRoots ? $", root {rootLimit:P0}" : "")})");
        }

        var minX = rows.Min(r => r.Subsystems);
        var maxX = rows.Max(r => r.Subsystems);
        var minY = Math.Min(rows.Min(r => r.WallSeconds), 60);
        var maxY = Math.Max(rows.Max(r => r.WallSeconds), 60);

        var goal = plot.Add.HorizontalLine(Math.Log10(60), 2, Colors.Red, LinePattern.Dashed);
        goal.LegendText = "goal: 60 s per cycle";

        // Linear scaling through the smallest point of the first series.
        var anchor = groups[0].OrderBy(p => p.Subsystems).First();
        var guide = plot.Add.Line(Math.Log10(minX), Math.Log10(anchor.WallSeconds * minX / anchor.Subsystems), Math.Log10(maxX), Math.Log10(anchor.WallSeconds * maxX / anchor.Subsystems));
        guide.LineColor = Colors.Gray;
        guide.LinePattern = LinePattern.Dotted;
        guide.LineWidth = 1.5f;
        guide.LegendText = "linear scaling (∝ subsystems)";
        maxY = Math.Max(maxY, anchor.WallSeconds * maxX / anchor.Subsystems);

        var xTicks = Decades(minX, maxX, [1, 3]);
        plot.Axes.Bottom.SetTicks(xTicks.Select(Math.Log10).ToArray(), xTicks.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)).ToArray());
        var yTicks = Decades(minY, maxY, [1, 2, 5]).Append(60).Distinct().Order().ToArray();
        plot.Axes.Left.SetTicks(yTicks.Select(Math.Log10).ToArray(), yTicks.Select(t => t.ToString(t < 1 ? "0.##" : "N0", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(Math.Log10(minX) - 0.1, Math.Log10(maxX) + 0.1, Math.Log10(minY) - 0.15, Math.Log10(maxY) + 0.15);

        var roots = rows.Select(r => r.RootLimit).Distinct().ToList();
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"One coordination cycle against city size{(roots.Count == 1 ? $", substation limit {roots[0]:P0}" : "")} (log–log; 2 shared cores)"));
        plot.XLabel("subsystems in the city (heat networks, buildings, EV/PV hubs on 100 feeders)");
        plot.YLabel("wall time of one coordination cycle (s)");
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        plot.Font.Set(font);
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.Font = Fonts.GetTypeface(font, bold: true, italic: false);
        plot.Axes.Title.Label.FontSize = 20;
        plot.Axes.Bottom.Label.FontSize = 16;
        plot.Axes.Left.Label.FontSize = 16;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Legend.FontSize = 14;
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static int ModeOrder(string mode)
    {
        var k = ScalingArguments.KnownModes.ToList().IndexOf(mode);
        return k >= 0 ? k : int.MaxValue;
    }

    /// <summary>1, 3, 10, 30, … (the given mantissas per decade) from the decade below <paramref name="min"/> to the one above <paramref name="max"/>, kept within [min/1.5, max·1.5].</summary>
    private static double[] Decades(double min, double max, double[] mantissas)
    {
        var ticks = new List<double>();
        for (var e = (int)Math.Floor(Math.Log10(min)) - 1; e <= (int)Math.Ceiling(Math.Log10(max)); e++)
        {
            foreach (var m in mantissas)
            {
                var t = m * Math.Pow(10, e);
                if (t >= min / 1.5 && t <= max * 1.5) ticks.Add(t);
            }
        }

        return [.. ticks];
    }

    private static string? FindFont()
    {
        var installed = new HashSet<string>(SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
        return PreferredFonts.FirstOrDefault(installed.Contains) ?? SKFontManager.Default.FontFamilies.FirstOrDefault();
    }
}

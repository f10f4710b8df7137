using System.Buffers.Binary;
using System.Globalization;
using Sems.Silo.Reporting;
using Xunit;

namespace Sems.Cli.Tests.Reporting;

/// <summary><see cref="ReportWriter"/>: PNG figures of the requested size, an escaped index.html, CSVs that read back.</summary>
public sealed class ReportWriterTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly double[] Hours = [0, 0.25, 0.5, 0.75, 1, 1.25];

    private static ReportFigure PriceFigure => new(
        "price.png", "Price & temperature", "time (h)", "price (EUR/MWh)", FigureKind.Line,
        [
            new ReportSeries("day-ahead price", Hours, [80, 95.5, 120, 110, 70, 60]),
            new ReportSeries("outdoor temperature", Hours, [3, 2.5, 2, 2.2, 3.1, 4], OnRightAxis: true),
        ],
        RightAxisLabel: "temperature (°C)");

    private static ReportFigure EnergyFigure => new(
        "energy.png", "Energy by source", "case", "energy (kWh)", FigureKind.StackedBars,
        [
            new ReportSeries("grid", [], [30, 20, 10]),
            new ReportSeries("PV", [], [10, 20, 30]),
            new ReportSeries("export", [], [-5, -10, -20]),
        ],
        ["baseline", "MPC", "MPC + storage"]);

    private static ReportTable CostTable => new(
        "Costs <per case>",
        ["case", "cost (EUR)"],
        [["a<b", "12.5"], ["\"quoted\" & more", "-3"]],
        Note: "Prices incl. VAT > 0");

    private static ReportCsv PriceCsv => new(
        "price.csv",
        ["time_h", "price_EUR_per_MWh", "odd, \"header\""],
        [[0, 80, 1e-17], [0.25, 95.5, -1234567.890123], [0.5, 1.0 / 3.0, double.MaxValue]]);

    private static ReportSection[] Sections =>
    [
        new ReportSection("Prices", "Day-ahead prices.\n\nSecond paragraph <b>not bold</b>.", [CostTable], [PriceFigure], [PriceCsv]),
        new ReportSection("Energy", "Where the energy came from.", [], [EnergyFigure], []),
    ];

    [Fact]
    public void WritesPngFiguresOfTheRequestedSize()
    {
        using var temp = new TempDirectory();
        var index = ReportWriter.Write(temp.Path, "Case study", "Intro.", Sections);

        Assert.Equal(Path.Combine(Path.GetFullPath(temp.Path), "index.html"), index);
        foreach (var name in new[] { "price.png", "energy.png" })
        {
            var bytes = File.ReadAllBytes(temp.File(name));
            Assert.True(bytes.AsSpan().StartsWith(PngSignature), $"{name} does not start with the PNG signature");
            var (width, height) = PngSize(bytes);
            Assert.Equal(ReportWriter.FigureWidth, width);
            Assert.Equal(ReportWriter.FigureHeight, height);
        }
    }

    [Fact]
    public void IndexHtmlEscapesTextAndLinksFiguresAndCsv()
    {
        using var temp = new TempDirectory();
        var html = File.ReadAllText(ReportWriter.Write(temp.Path, "Case study <1>", "Intro & overview.", Sections));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
        Assert.Contains("<title>Case study &lt;1&gt;</title>", html);
        Assert.Contains("Intro &amp; overview.", html);
        Assert.Contains("<td>a&lt;b</td>", html);
        Assert.DoesNotContain("a<b", html);
        Assert.Contains("&quot;quoted&quot; &amp; more", html);
        Assert.Contains("<caption>Costs &lt;per case&gt;</caption>", html);
        Assert.Contains("Prices incl. VAT &gt; 0", html);
        Assert.Contains("Second paragraph &lt;b&gt;not bold&lt;/b&gt;.", html);
        Assert.Contains("<th scope=\"col\">cost (EUR)</th>", html);
        Assert.Contains("<img src=\"price.png\" alt=\"Price &amp; temperature\"", html);
        Assert.Contains("<img src=\"energy.png\" alt=\"Energy by source\"", html);
        Assert.Contains("<a href=\"price.csv\">price.csv</a>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<style>", html);
    }

    [Fact]
    public void CsvReadsBackToTheSameNumbers()
    {
        using var temp = new TempDirectory();
        ReportWriter.Write(temp.Path, "Case study", "Intro.", Sections);

        var lines = File.ReadAllText(temp.File("price.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_h,price_EUR_per_MWh,\"odd, \"\"header\"\"\"", lines[0]);
        var expected = PriceCsv.Rows;
        Assert.Equal(expected.Count, lines.Length - 1);
        for (var r = 0; r < expected.Count; r++)
        {
            var values = lines[r + 1].Split(',').Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(expected[r], values);
        }
    }

    [Fact]
    public void NoTemporaryFilesAreLeftAndOnlyReportFilesAreReplaced()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("notes.txt"), "keep me");
        File.WriteAllText(temp.File("price.csv"), "stale");

        ReportWriter.Write(temp.Path, "Case study", "Intro.", Sections);
        ReportWriter.Write(temp.Path, "Case study", "Intro again.", Sections);

        var names = Directory.GetFiles(temp.Path).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "energy.png", "index.html", "notes.txt", "price.csv", "price.png" }, names);
        Assert.Equal("keep me", File.ReadAllText(temp.File("notes.txt")));
        Assert.StartsWith("time_h,", File.ReadAllText(temp.File("price.csv")));
        Assert.Contains("Intro again.", File.ReadAllText(temp.File("index.html")));
    }

    [Fact]
    public void CreatesAMissingDirectory()
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "nested", "report");

        var index = ReportWriter.Write(folder, "Empty", "", []);

        Assert.True(File.Exists(index));
        Assert.Equal(Path.Combine(folder, "index.html"), index);
    }

    [Theory]
    [InlineData("plots/price.png")]
    [InlineData("..\\price.png")]
    [InlineData("/tmp/price.png")]
    public void FigureFileNameWithAPathSeparatorIsRejected(string name)
    {
        using var temp = new TempDirectory();
        var sections = new[] { new ReportSection("S", "", [], [PriceFigure with { FileName = name }], []) };

        var error = Assert.Throws<ArgumentException>(() => ReportWriter.Write(temp.Path, "T", "", sections));

        Assert.Contains(name, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("data/price.csv")]
    [InlineData("data\\price.csv")]
    public void CsvFileNameWithAPathSeparatorIsRejected(string name)
    {
        using var temp = new TempDirectory();
        var sections = new[] { new ReportSection("S", "", [], [], [PriceCsv with { FileName = name }]) };

        var error = Assert.Throws<ArgumentException>(() => ReportWriter.Write(temp.Path, "T", "", sections));

        Assert.Contains(name, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("price.jpg")]
    [InlineData(".png")]
    [InlineData("")]
    [InlineData("index.html")]
    public void FigureFileNameWithoutPngExtensionIsRejected(string name)
    {
        var sections = new[] { new ReportSection("S", "", [], [PriceFigure with { FileName = name }], []) };
        Assert.Throws<ArgumentException>(() => ReportWriter.Write(Path.GetTempPath(), "T", "", sections));
    }

    [Fact]
    public void DuplicateFileNamesAreRejected()
    {
        var sections = new[] { new ReportSection("S", "", [], [PriceFigure, EnergyFigure with { FileName = "PRICE.png" }], []) };
        var error = Assert.Throws<ArgumentException>(() => ReportWriter.Write(Path.GetTempPath(), "T", "", sections));
        Assert.Contains("PRICE.png", error.Message);
    }

    [Fact]
    public void InconsistentInputsAreRejected()
    {
        ReportSection With(ReportFigure? figure = null, ReportTable? table = null, ReportCsv? csv = null) =>
            new("S", "", table is null ? [] : [table], figure is null ? [] : [figure], csv is null ? [] : [csv]);
        void Rejected(ReportSection section, string fragment)
        {
            var error = Assert.Throws<ArgumentException>(() => ReportWriter.Write(Path.GetTempPath(), "T", "", [section]));
            Assert.Contains(fragment, error.Message);
        }

        Rejected(With(PriceFigure with { Series = [new ReportSeries("short", [0, 1], [1])] }), "short");
        Rejected(With(PriceFigure with { Series = [new ReportSeries("nan", [0, 1], [1, double.NaN])] }), "finite");
        Rejected(With(EnergyFigure with { Categories = ["only one"] }), "category");
        Rejected(With(EnergyFigure with { Categories = null }), "category");
        Rejected(With(table: CostTable with { Rows = [["one cell"]] }), "cells");
        Rejected(With(csv: PriceCsv with { Rows = [[1, 2]] }), "values");
    }

    [Fact]
    public void StepSeriesMayGiveStepEdges()
    {
        using var temp = new TempDirectory();
        var figure = new ReportFigure("schedule.png", "Boiler schedule", "time (h)", "heat (kW)", FigureKind.Step,
            [new ReportSeries("boiler", [0, 1, 2, 3], [10, 20, 5]), new ReportSeries("heat pump", [0, 1, 2], [3, 8, 8])]);

        ReportWriter.Write(temp.Path, "T", "", [new ReportSection("S", "", [], [figure], [])]);

        Assert.Equal((ReportWriter.FigureWidth, ReportWriter.FigureHeight), PngSize(File.ReadAllBytes(temp.File("schedule.png"))));
    }

    // The IHDR chunk follows the 8-byte signature: length (4), "IHDR" (4), width (4, big-endian), height (4, big-endian).
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length >= 24, "PNG is too short for an IHDR chunk");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}

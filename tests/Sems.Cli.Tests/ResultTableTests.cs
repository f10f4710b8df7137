using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// The human-readable table of <c>sems solve heat-network.json</c>: status, objective terms, factor totals with their units,
/// and per resource energy (kWh) and power (kW) columns whose numbers agree with the JSON trajectories.
/// </summary>
public sealed partial class ResultTableTests(SolvedExamples examples) : IClassFixture<SolvedExamples>
{
    private static readonly Lazy<CliRun> Table = new(() => CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.HeatNetwork)));

    private string[] Lines => Table.Value.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void IsHeadedByTheDistrictsTitleAndItsId()
    {
        Assert.Equal(0, Table.Value.ExitCode);
        Assert.Equal("District \"Greenwich heat network, 2022-11-01\" (greenwich-heat-network): 1 subsystem, 96 steps × 15 min (24.00 h)", Lines[0]);
    }

    [Fact]
    public void WithoutATitleTheHeadingIsTheNameAlone()
    {
        using var temp = new TempDirectory();
        var file = temp.File("district.json");
        File.WriteAllText(file, """
            { "name": "flat-7", "stepMinutes": 60, "horizonSteps": 3, "factors": { "cost": { "electricity": 0.2 } },
              "subsystems": [ { "id": "flat", "priority": 1,
                "supplies": [ { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "min": 0, "max": 100 } ] } ],
                "demands": [ { "id": "load", "energyType": "power", "kind": "series", "values": 10 } ],
                "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } } ] }
            """);

        var run = CliRun.Invoke("solve", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("District \"flat-7\": 1 subsystem, 3 steps × 60 min (3.00 h)", run.Stdout.Split('\n')[0].TrimEnd('\r'));
    }

    [Fact]
    public void ShowsTheSubsystemAndItsStatus()
    {
        Assert.Equal(0, Table.Value.ExitCode);
        Assert.Contains(Lines, l => l.Contains("greenwich-heat", StringComparison.Ordinal) && l.Contains("optimal", StringComparison.Ordinal));
    }

    [Fact]
    public void ShowsTheObjectiveAndItsTermsAsInTheJson()
    {
        var result = examples.HeatNetwork.Result;
        var terms = result.GetProperty("terms");

        AssertLineValue(l => l.TrimStart().StartsWith("objective J", StringComparison.Ordinal), result.GetProperty("objective").GetDouble(), 5e-4);
        foreach (var term in new[] { "energy", "storage", "comfort" })
            AssertLineValue(l => l.TrimStart().StartsWith(term, StringComparison.Ordinal), terms.GetProperty(term).GetDouble(), 5e-4);
    }

    [Theory]
    [InlineData("cost", "GBP")]
    [InlineData("co2", "kgCO2")]
    public void FactorTotalsCarryTheirUnits(string factor, string unit)
    {
        var line = Assert.Single(Lines, l => l.TrimStart().StartsWith(factor + " ", StringComparison.Ordinal));

        Assert.EndsWith(unit, line.TrimEnd(), StringComparison.Ordinal);
        var expected = examples.HeatNetwork.Result.GetProperty("terms").GetProperty("byFactor").GetProperty(factor).GetDouble();
        Assert.Equal(expected, LastNumber(line), 0.005 + 1e-9);
    }

    [Fact]
    public void StateSpaceOutputsCarryTheUnitTheFileNames()
    {
        var line = Assert.Single(Lines, l => l.TrimStart().StartsWith("demand network y0:", StringComparison.Ordinal));

        Assert.Matches(@"y0: [0-9.]+…[0-9.]+ °C, outside band", line);
        Assert.EndsWith(" °C", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutCurrencyOrUnitTheTableSaysSo()
    {
        using var temp = new TempDirectory();
        var text = File.ReadAllText(ExampleFile.PathOf(ExampleFile.HeatNetwork))
            .Replace("  \"currency\": \"GBP\",\n", "", StringComparison.Ordinal)
            .Replace(",\n          \"unit\": \"°C\"", "", StringComparison.Ordinal);
        Assert.DoesNotContain("GBP", text, StringComparison.Ordinal);
        Assert.DoesNotContain("°C", text, StringComparison.Ordinal);
        File.WriteAllText(temp.File("plain.json"), text);

        var run = CliRun.Invoke("solve", temp.File("plain.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Stdout.Split('\n'), l => l.TrimStart().StartsWith("cost ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("currency units", StringComparison.Ordinal));
        Assert.Contains("(unit not given in the file), outside band", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryNumberOfAResourceRowHasAUnitInItsColumnHeader()
    {
        var lines = Lines;
        var headerIndex = Array.FindIndex(lines, l => l.TrimStart().StartsWith("resource", StringComparison.Ordinal));
        Assert.True(headerIndex >= 0, "no resource table header");
        var columns = ColumnSeparator().Split(lines[headerIndex].Trim()).Skip(1).ToArray();
        Assert.NotEmpty(columns);
        Assert.All(columns, c => Assert.Matches(UnitWord(), c));
        Assert.Contains(columns, c => c.Contains("kWh", StringComparison.Ordinal));
        Assert.Contains(columns, c => Regex.IsMatch(c, @"\bkW\b"));

        var resources = examples.HeatNetwork.Result.GetProperty("draw").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(2, resources.Count);
        foreach (var resource in resources)
        {
            var row = Assert.Single(lines.Skip(headerIndex + 1), l => l.TrimStart().StartsWith(resource + " ", StringComparison.Ordinal));
            var numbers = row.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            Assert.Equal(columns.Length, numbers.Length);
            Assert.All(numbers, n => Assert.True(double.TryParse(n, NumberStyles.Number, CultureInfo.InvariantCulture, out _), $"'{n}' in '{row}'"));
        }
    }

    [Theory]
    [InlineData("electricity")]
    [InlineData("gas")]
    public void ResourceRowAgreesWithTheJsonDraw(string resource)
    {
        var lines = Lines;
        var headerIndex = Array.FindIndex(lines, l => l.TrimStart().StartsWith("resource", StringComparison.Ordinal));
        var columns = ColumnSeparator().Split(lines[headerIndex].Trim()).Skip(1).ToList();
        var row = Assert.Single(lines.Skip(headerIndex + 1), l => l.TrimStart().StartsWith(resource + " ", StringComparison.Ordinal));
        var numbers = row.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(n => double.Parse(n, NumberStyles.Number, CultureInfo.InvariantCulture)).ToList();
        var draw = examples.HeatNetwork.Draw(resource);

        // Energy in kWh = Σ draw·Δt; peak and mean power in kW; printed with one decimal.
        Assert.Equal(draw.Sum() * 0.25, numbers[columns.FindIndex(c => c.Contains("energy", StringComparison.Ordinal) && c.Contains("kWh", StringComparison.Ordinal))], 0.05 + 1e-9);
        Assert.Equal(draw.Max(), numbers[columns.FindIndex(c => c.Contains("peak", StringComparison.Ordinal))], 0.05 + 1e-9);
        Assert.Equal(draw.Average(), numbers[columns.FindIndex(c => c.Contains("mean", StringComparison.Ordinal))], 0.05 + 1e-9);
    }

    [Fact]
    public void StoreLineIsInKwh()
    {
        var line = Assert.Single(Lines, l => l.Contains("thermal-store", StringComparison.Ordinal));
        Assert.Contains("kWh", line, StringComparison.Ordinal);
    }

    private void AssertLineValue(Func<string, bool> select, double expected, double tolerance)
    {
        var line = Assert.Single(Lines, l => select(l));
        Assert.Equal(expected, LastNumber(line), tolerance);
    }

    private static double LastNumber(string line) =>
        double.Parse(NumberPattern().Matches(line)[^1].Value, NumberStyles.Number, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex ColumnSeparator();

    [GeneratedRegex(@"\b(kW|kWh)\b")]
    private static partial Regex UnitWord();

    [GeneratedRegex(@"(?<![\w.,])-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(?![\w,])")]
    private static partial Regex NumberPattern();
}

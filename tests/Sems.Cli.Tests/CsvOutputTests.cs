using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary><c>sems solve FILE --json --csv DIR</c>: CSV files per subsystem under DIR/&lt;id&gt;/ with units in the headers.</summary>
public sealed class CsvOutputTests(SolvedExamples examples) : IClassFixture<SolvedExamples>
{
    [Fact]
    public void HeatNetworkWritesTheFourFilesUnderTheSubsystemFolder()
    {
        var solve = examples.HeatNetwork;
        Assert.Equal(0, solve.Run.ExitCode);
        var folder = Path.Combine(solve.CsvDirectory, "greenwich-heat");

        foreach (var name in new[] { "draw.csv", "supplies.csv", "stores.csv", "demands.csv" })
            Assert.True(File.Exists(Path.Combine(folder, name)), $"{name} is missing under {folder}");
    }

    [Theory]
    [InlineData(ExampleFile.HeatNetwork)]
    [InlineData(ExampleFile.EvPvHub)]
    public void DrawCsvMatchesJsonDrawWithKwHeaders(string example)
    {
        var solve = Solve(example);
        var (headers, rows) = Read(solve, "draw.csv");
        var draw = solve.Result.GetProperty("draw");

        Assert.Equal(96, rows.Count);
        var resources = draw.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(resources.Select(r => r + "_kW").OrderBy(h => h, StringComparer.Ordinal), headers.Skip(2).OrderBy(h => h, StringComparer.Ordinal));
        foreach (var resource in resources)
        {
            var column = headers.IndexOf(resource + "_kW");
            var expected = ExampleFile.Doubles(draw.GetProperty(resource));
            for (var i = 0; i < 96; i++)
            {
                Assert.Equal(i, int.Parse(rows[i][0], CultureInfo.InvariantCulture));
                Assert.True(Math.Abs(Number(rows[i][column]) - expected[i]) <= 1e-6, $"{resource} step {i}: csv {rows[i][column]}, json {expected[i]}");
            }
        }
    }

    [Theory]
    [InlineData(ExampleFile.HeatNetwork)]
    [InlineData(ExampleFile.EvPvHub)]
    public void SuppliesCsvCarriesEveryConversionDrawInKw(string example)
    {
        var solve = Solve(example);
        var (headers, rows) = Read(solve, "supplies.csv");

        Assert.Equal(96, rows.Count);
        Assert.All(headers.Skip(2), h => Assert.EndsWith("_kW", h, StringComparison.Ordinal));
        foreach (var supply in solve.Subsystem.GetProperty("supplies").EnumerateArray())
        {
            var id = supply.GetProperty("id").GetString()!;
            var resource = supply.GetProperty("conversions")[0].GetProperty("resource").GetString()!;
            // The draw column of the supply's first conversion: named after the supply and its resource.
            var column = headers.FindIndex(h => h.StartsWith(id + ".", StringComparison.Ordinal) && h.Contains(resource, StringComparison.Ordinal) && h.Contains("draw", StringComparison.Ordinal));
            Assert.True(column >= 0, $"no draw column for {id}.{resource} in {string.Join(",", headers)}");
            var v = solve.SupplyDraw(id);
            for (var i = 0; i < 96; i++) Assert.True(Math.Abs(Number(rows[i][column]) - v[i]) <= 1e-6, $"{id} step {i}");
        }
    }

    [Theory]
    [InlineData(ExampleFile.HeatNetwork, "thermal-store")]
    [InlineData(ExampleFile.EvPvHub, "ev-delay")]
    public void StoresCsvHas97RowsWithSocInKwhAndFlowsInKw(string example, string store)
    {
        var solve = Solve(example);
        var (headers, rows) = Read(solve, "stores.csv");

        Assert.Equal(97, rows.Count);
        var soc = headers.IndexOf(store + ".soc_kWh");
        Assert.True(soc >= 0, $"no {store}.soc_kWh column in {string.Join(",", headers)}");
        Assert.Contains(store + ".charge_kW", headers);
        Assert.Contains(store + ".discharge_kW", headers);
        var expected = solve.Store(store, "soc");
        for (var i = 0; i < 97; i++) Assert.True(Math.Abs(Number(rows[i][soc]) - expected[i]) <= 1e-6, $"SoC step {i}");
    }

    [Fact]
    public void SeriesDemandColumnIsInKw()
    {
        var (headers, rows) = Read(examples.EvPvHub, "demands.csv");
        var column = headers.IndexOf("ev-charging_kW");
        Assert.True(column >= 0, $"no ev-charging_kW column in {string.Join(",", headers)}");

        var values = ExampleFile.Series(examples.EvPvHub.Subsystem.GetProperty("demands")[0].GetProperty("values"), 96);
        Assert.Equal(96, rows.Count);
        for (var i = 0; i < 96; i++) Assert.Equal(values[i], Number(rows[i][column]), 1e-9);
    }

    [Fact]
    public void StateSpaceDemandCsvHasOutputAndSlackMatchingJson()
    {
        var solve = examples.HeatNetwork;
        var (headers, rows) = Read(solve, "demands.csv");
        var network = solve.Result.GetProperty("demands").GetProperty("network");
        var slackColumn = headers.FindIndex(h => h.StartsWith("network", StringComparison.Ordinal) && h.Contains("slack", StringComparison.Ordinal));
        var yColumn = headers.FindIndex(h => h.StartsWith("network", StringComparison.Ordinal) && !h.Contains("slack", StringComparison.Ordinal));
        Assert.True(yColumn >= 0 && slackColumn >= 0, string.Join(",", headers));

        Assert.Equal(96, rows.Count);
        var y = ExampleFile.Doubles(network.GetProperty("y"));
        var slack = ExampleFile.Doubles(network.GetProperty("slack"));
        for (var i = 0; i < 96; i++)
        {
            Assert.True(Math.Abs(Number(rows[i][yColumn]) - y[i]) <= 1e-6, $"y step {i}");
            Assert.True(Math.Abs(Number(rows[i][slackColumn]) - slack[i]) <= 1e-6, $"slack step {i}");
        }
    }

    [Fact]
    public void StepStartTimesFollowTheFileStartAndStepLength()
    {
        var (headers, rows) = Read(examples.HeatNetwork, "draw.csv");
        Assert.Equal("step", headers[0]);
        var timeColumn = headers.FindIndex(h => h.Contains("utc", StringComparison.OrdinalIgnoreCase) || h.Contains("time", StringComparison.OrdinalIgnoreCase));
        Assert.True(timeColumn > 0, string.Join(",", headers));

        var start = new DateTimeOffset(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < rows.Count; i++)
        {
            var time = DateTimeOffset.Parse(rows[i][timeColumn], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.Equal(start.AddMinutes(15 * i), time);
        }
    }

    [Fact]
    public void CsvRunKeepsStdoutPureJson()
    {
        var run = examples.EvPvHub.Run;
        Assert.Equal(JsonValueKind.Array, run.JsonArray().ValueKind);
    }

    private ExampleSolve Solve(string example) => example switch
    {
        ExampleFile.HeatNetwork => examples.HeatNetwork,
        ExampleFile.EvPvHub => examples.EvPvHub,
        _ => throw new ArgumentOutOfRangeException(nameof(example)),
    };

    private static (List<string> Headers, List<string[]> Rows) Read(ExampleSolve solve, string file)
    {
        var path = Path.Combine(solve.CsvDirectory, solve.SubsystemId, file);
        Assert.True(File.Exists(path), $"{path} was not written");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var headers = lines[0].Split(',').ToList();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(headers.Count, r.Length));
        return (headers, rows);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

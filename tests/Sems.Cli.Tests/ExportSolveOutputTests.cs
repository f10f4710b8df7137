using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems solve</c> of a building that sells its PV surplus, worked by hand: PV 10 kW at the two noon steps of four
/// (1 h each), a 4 kW load, retail 0.20 and feed-in 0.05 EUR/kWh. Import [4, 0, 0, 4] kW, export [0, 6, 6, 0] kW, net
/// draw [4, −6, −6, 4] kW; 8 kWh imported, 12 kWh exported, net −4 kWh; cost 1.60 − 0.60 = 1.00 EUR. The JSON, the
/// table and the CSV each carry them.
/// </summary>
public sealed class ExportSolveOutputTests
{
    private const string District = """
        { "name": "sunny-house", "currency": "EUR", "stepMinutes": 60, "horizonSteps": 4,
          "factors": { "cost": { "electricity": 0.20 } },
          "exportFactors": { "cost": { "electricity": 0.05 } },
          "subsystems": [ { "id": "house", "priority": 1,
            "resources": { "solar": { "max": [0, 10, 10, 0] } },
            "supplies": [
              { "id": "grid", "conversions": [ { "resource": "electricity", "energyType": "power", "efficiency": 1, "max": 20 } ] },
              { "id": "pv", "conversions": [ { "resource": "solar", "energyType": "power", "efficiency": 1, "max": 20 } ] } ],
            "demands": [ { "id": "load", "kind": "series", "energyType": "power", "values": 4 } ],
            "exports": [ { "id": "pv-export", "resource": "electricity", "energyType": "power", "max": 20 } ],
            "weights": { "energy": 1, "storage": 0, "comfort": 0, "factors": { "cost": 1 } } } ] }
        """;

    [Fact]
    public void Json_gives_the_export_and_the_net_draw_beside_the_unchanged_draw()
    {
        using var temp = new TempDirectory();
        var file = temp.File("sunny-house.json");
        File.WriteAllText(file, District);

        var run = CliRun.Invoke("solve", file, "--json");

        Assert.Equal(0, run.ExitCode);
        var result = run.Subsystem("house");
        Assert.Equal([4.0, 0, 0, 4], Numbers(result.GetProperty("draw").GetProperty("electricity")));
        Assert.Equal([0.0, 6, 6, 0], Numbers(result.GetProperty("exportKw").GetProperty("electricity")));
        Assert.Equal([4.0, -6, -6, 4], Numbers(result.GetProperty("netDrawKw").GetProperty("electricity")));
        Assert.Equal([0.0, 10, 10, 0], Numbers(result.GetProperty("netDrawKw").GetProperty("solar")));
        Assert.Equal([0.0, 6, 6, 0], Numbers(result.GetProperty("exports").GetProperty("pv-export")));
        var terms = result.GetProperty("terms");
        Assert.Equal(1.00, terms.GetProperty("byFactor").GetProperty("cost").GetDouble(), 6);
        Assert.Equal(0.60, terms.GetProperty("exportByFactor").GetProperty("cost").GetDouble(), 6);
        Assert.Equal(1.00, result.GetProperty("objective").GetDouble(), 6);
    }

    [Fact]
    public void The_table_shows_the_export_and_the_net_draw_with_their_units()
    {
        using var temp = new TempDirectory();
        var file = temp.File("sunny-house.json");
        File.WriteAllText(file, District);

        var run = CliRun.Invoke("solve", file);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains(lines, l => l.Contains("energy kWh", StringComparison.Ordinal) && l.Contains("peak kW", StringComparison.Ordinal));
        Assert.Equal(["12.0", "6.0", "3.0"], Cells(lines, "electricity export")); // 12 kWh, peak 6 kW, mean 3 kW
        Assert.Equal(["-4.0", "4.0", "-1.0"], Cells(lines, "electricity net")); // 8 − 12 kWh, the largest net draw 4 kW, mean −1 kW
        Assert.Equal(["8.0", "4.0", "2.0"], Cells(lines, "electricity"));
        var earned = Assert.Single(lines, l => l.TrimStart().StartsWith("exports earned (cost", StringComparison.Ordinal));
        Assert.Matches(@"0\.60\s+EUR$", earned.TrimEnd());
    }

    [Fact]
    public void Csv_writes_the_exports_and_the_net_draw_beside_the_draw()
    {
        using var temp = new TempDirectory();
        var file = temp.File("sunny-house.json");
        File.WriteAllText(file, District);
        var folder = temp.File("csv");

        var run = CliRun.Invoke("solve", file, "--csv", folder);

        Assert.Equal(0, run.ExitCode);
        var rows = File.ReadAllLines(Path.Combine(folder, "house", "exports.csv"));
        Assert.Equal("step,start_utc,electricity_export_kW,electricity_net_kW,pv-export.export_kW", rows[0]);
        Assert.Equal([[0.0, 4, 0], [6, -6, 6], [6, -6, 6], [0, 4, 0]],
            rows.Skip(1).Select(r => r.Split(',').Skip(2).Select(v => Math.Round(double.Parse(v, CultureInfo.InvariantCulture), 6) + 0.0).ToArray()).ToArray());
        Assert.Equal("step,start_utc,electricity_kW,solar_kW", File.ReadAllLines(Path.Combine(folder, "house", "draw.csv"))[0]);
    }

    private static string[] Cells(string[] lines, string label) =>
        Assert.Single(lines, l => l.TrimStart().StartsWith(label + " ", StringComparison.Ordinal)
            && double.TryParse(l.TrimStart()[label.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        .TrimStart()[label.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => Math.Round(e.GetDouble(), 6) + 0.0).ToArray();
}

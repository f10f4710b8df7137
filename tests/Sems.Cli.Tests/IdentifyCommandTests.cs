using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary><c>sems identify</c> recovers a known first-order model from a CSV and prints a valid demand block.</summary>
public sealed class IdentifyCommandTests
{
    [Fact]
    public void Recovers_a_known_model_and_prints_the_demand_block()
    {
        // x[i+1] = 0.95·x[i] + 0.002·heat[i] + 0.05·ground[i], ground = 10 °C, heat varying 0–600 kW (seeded), hourly.
        var random = new Random(5);
        var text = new StringBuilder("time,temp,heat,ground\n");
        var x = 60.0;
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 24 * 30; i++)
        {
            var heat = 600 * random.NextDouble();
            text.Append(CultureInfo.InvariantCulture, $"{start.AddHours(i):yyyy-MM-ddTHH:mm:ssZ},{x:R},{heat:R},10\n");
            x = 0.95 * x + 0.002 * heat + 0.05 * 10;
        }

        var path = Path.Combine(Path.GetTempPath(), $"sems-identify-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        try
        {
            var run = CliRun.Invoke("identify", "--csv", path, "--time", "time", "--state", "temp", "--input", "heat=heat", "--disturbance", "ground=ground", "--id", "zone", "--band", "55,70");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("G14 targets ±10 %, ≤ 30 %: within", run.Stdout);
            Assert.Contains("verdict: approved: G14 met on the test block", run.Stdout);
            var block = JsonNode.Parse(run.Stdout[run.Stdout.IndexOf('{', StringComparison.Ordinal)..])!;
            Assert.Equal("zone", block["id"]!.GetValue<string>());
            Assert.Equal(0.95, block["A"]![0]![0]!.GetValue<double>(), 6);
            Assert.Equal(0.002, block["B"]!["heat"]![0]![0]!.GetValue<double>(), 8);
            Assert.Equal(0.05, block["E"]!["ground"]![0]![0]!.GetValue<double>(), 6);
            Assert.Equal(55, block["band"]!["lower"]!.GetValue<double>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}

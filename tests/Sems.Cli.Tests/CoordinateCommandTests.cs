using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems coordinate</c> on the worked example (examples/two-subsystems-limit.json): heat network (priority 1) draws
/// 20 kW for its heat pump, the EV hub [50, 90, 90, 50] kW, the grid limit is 100 kW. Worked by hand: excess
/// [0, 10, 10, 0] kW, 5 kWh; the heat network is tightened (allowance rule: Plim − (Ptot − Psub)) to
/// [100 − 50, 10, 10, 100 − 50] = [50, 10, 10, 50] kW, keeps 20 kW where free, and the district then draws
/// [70, 100, 100, 70] kW.
/// </summary>
public sealed class CoordinateCommandTests
{
    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    [Fact]
    public void Json_output_is_the_contracts_coordination_object_with_the_hand_worked_numbers()
    {
        var run = CliRun.Invoke("coordinate", Example("two-subsystems-limit.json"), "--json");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;

        Assert.Equal("algorithm1", root.GetProperty("mode").GetString());
        Assert.Equal(1, root.GetProperty("rounds").GetInt32());
        Assert.Equal([70.0, 100, 100, 70], Numbers(root.GetProperty("districtDraw").GetProperty("electricity")));
        Assert.Equal([100.0, 100, 100, 100], Numbers(root.GetProperty("limit").GetProperty("electricity")));
        Assert.Equal([0.0, 10, 10, 0], Numbers(root.GetProperty("excessBefore").GetProperty("electricity")));
        Assert.Equal([0.0, 0, 0, 0], Numbers(root.GetProperty("excessAfter").GetProperty("electricity")));
        Assert.Equal(5.0, root.GetProperty("violationKwh").GetProperty("before").GetProperty("electricity").GetDouble(), 6);
        Assert.Equal(0.0, root.GetProperty("violationKwh").GetProperty("after").GetProperty("electricity").GetDouble(), 6);
        Assert.True(root.GetProperty("wallMs").GetDouble() > 0);

        var heat = root.GetProperty("subsystems").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "heat-network");
        Assert.Equal([50.0, 10, 10, 50], Numbers(heat.GetProperty("tightenedMax").GetProperty("electricity")));
        var result = heat.GetProperty("result");
        Assert.Equal("optimal", result.GetProperty("status").GetString());
        Assert.Equal([20.0, 10, 10, 20], Numbers(result.GetProperty("draw").GetProperty("electricity")));
        // Cost after: electricity (20 + 10 + 10 + 20) kW × 0.25 h × 0.15 = 2.25; gas 2 × 33.333 kW × 0.25 h × 0.06 = 1.0.
        Assert.Equal(3.25, result.GetProperty("terms").GetProperty("byFactor").GetProperty("cost").GetDouble(), 6);
        var ev = root.GetProperty("subsystems").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "ev-hub");
        Assert.Empty(ev.GetProperty("tightenedMax").EnumerateObject());
    }

    [Fact]
    public void The_table_is_headed_by_the_districts_title_and_names_its_id()
    {
        var run = CliRun.Invoke("coordinate", Example("two-subsystems-limit.json"));
        Assert.Equal(0, run.ExitCode);
        var heading = run.Stdout.Split('\n')[0];
        Assert.StartsWith("District \"Two subsystems under a 100 kW grid limit (worked example)\" (two-subsystems): cycle 0", heading, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_names_the_limit_and_the_violation_before_and_after_with_units()
    {
        var run = CliRun.Invoke("coordinate", Example("two-subsystems-limit.json"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("electricity: limit 100.0–100.0 kW", run.Stdout);
        Assert.Matches(@"district before\s+110\.0\s+90\.0\s+5\.00\s+2", run.Stdout);
        Assert.Matches(@"district after\s+100\.0\s+85\.0\s+0\.00\s+0", run.Stdout);
        Assert.Contains("10.0–50.0 kW", run.Stdout);
    }

    [Fact]
    public void An_unreachable_limit_exits_1_and_an_invalid_file_exits_2()
    {
        var json = File.ReadAllText(Example("two-subsystems-limit.json")).Replace("\"electricity\": 100 }", "\"electricity\": 40 }", StringComparison.Ordinal);
        var unreachable = Path.Combine(Path.GetTempPath(), $"sems-unreachable-{Guid.NewGuid():N}.json");
        var invalid = Path.Combine(Path.GetTempPath(), $"sems-invalid-{Guid.NewGuid():N}.json");
        File.WriteAllText(unreachable, json);
        File.WriteAllText(invalid, json.Replace("\"priority\": 2", "\"priority\": 1", StringComparison.Ordinal));
        try
        {
            // 40 kW cannot carry the EV hub's fixed 50–90 kW: the violation remains and is reported.
            var run = CliRun.Invoke("coordinate", unreachable, "--json");
            Assert.Equal(1, run.ExitCode);
            using var document = JsonDocument.Parse(run.Stdout);
            Assert.True(document.RootElement.GetProperty("violationKwh").GetProperty("after").GetProperty("electricity").GetDouble() > 0);

            var bad = CliRun.Invoke("coordinate", invalid);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("subsystems[1].priority: 1 duplicates subsystems[0].priority", bad.Stderr);
            Assert.Equal("", bad.Stdout);
        }
        finally
        {
            File.Delete(unreachable);
            File.Delete(invalid);
        }
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(v => Math.Round(v.GetDouble(), 6)).ToArray();
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems coordinate</c> with <c>coordination.riskLevel</c> 0.95 on the worked example, σ 3 kW (heat network) and
/// 4 kW (EV hub): margin 1.644854 · √(9 + 16) = 8.224268 kW, planning limit 91.775732 kW. By hand the cost of the
/// margin is 0.5 h · 8.224268 kW · (3·0.06/0.9 − 0.15) = 0.205607 GBP and 0.5 · 8.224268 · (3·0.184/0.9 − 0.09) =
/// 2.152017 kgCO2; the plan without the margin costs 13.75 GBP (CoordinateCommandTests: heat network 3.25, EV hub 10.5).
/// </summary>
public sealed class RiskCoordinateTests
{
    private const double Margin = 5 * 1.6448536269514722;

    [Fact]
    public void Json_reports_the_margin_the_planning_limit_and_the_margins_cost()
    {
        using var dir = new TempDirectory();
        var file = Write(dir, 0.95);
        var run = CliRun.Invoke("coordinate", file, "--json");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;

        Assert.Equal([100.0, 100, 100, 100], Numbers(root.GetProperty("limit").GetProperty("electricity")));
        var draw = Numbers(root.GetProperty("districtDraw").GetProperty("electricity"));
        Assert.Equal(100 - Margin, draw[1], 5);
        var risk = root.GetProperty("risk");
        Assert.Equal(0.95, risk.GetProperty("riskLevel").GetDouble());
        Assert.Equal(1.644854, risk.GetProperty("z").GetDouble(), 6);
        var node = risk.GetProperty("nodes").GetProperty("two-subsystems").GetProperty("electricity");
        Assert.All(Numbers(node.GetProperty("marginKw")), m => Assert.Equal(Margin, m, 5));
        Assert.All(Numbers(node.GetProperty("planningLimitKw")), l => Assert.Equal(100 - Margin, l, 5));
        Assert.Equal(0.0, node.GetProperty("shortfallKwh").GetDouble());
        Assert.Equal(13.75, risk.GetProperty("objectiveWithoutMargin").GetDouble(), 6);
        Assert.Equal(0.5 * Margin * 0.05, risk.GetProperty("objectiveCost").GetDouble(), 5);
        Assert.Equal(0.5 * Margin * 0.05, risk.GetProperty("factorTotals").GetProperty("cost").GetProperty("cost").GetDouble(), 5);
        Assert.Equal(0.5 * Margin * (3 * 0.184 / 0.9 - 0.09), risk.GetProperty("factorTotals").GetProperty("co2").GetProperty("cost").GetDouble(), 5);
        Assert.Equal(JsonValueKind.Null, risk.GetProperty("costNote").ValueKind);
        Assert.Empty(risk.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void The_table_shows_the_margin_and_its_cost_with_units()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Invoke("coordinate", Write(dir, 0.95));
        Assert.Equal(0, run.ExitCode);

        Assert.Contains("Risk margin: riskLevel 0.95, z 1.6449", run.Stdout);
        Assert.Matches(@"two-subsystems\s+electricity\s+8\.2–8\.2\s+91\.8–91\.8\s+0\.00", run.Stdout);
        Assert.Contains("cost of the margin: objective 13.9556 with it, 13.7500 without (+0.2056 objective units); cost +0.2056 GBP, co2 +2.1520 kgCO2", run.Stdout);
    }

    [Fact]
    public void A_risk_level_above_0_9999_is_refused_with_exit_code_2()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Invoke("coordinate", Write(dir, 1.2));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("coordination.riskLevel: 1.2 is more than 0.9999", run.Stderr);
    }

    /// <summary>The shipped <c>examples/two-subsystems-risk.json</c> (σ 3 and 4 kW, riskLevel 0.95), with the risk level given.</summary>
    private static string Write(TempDirectory dir, double riskLevel)
    {
        var district = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "two-subsystems-risk.json")))!.AsObject();
        Assert.Equal(0.95, district["coordination"]!["riskLevel"]!.GetValue<double>());
        district["coordination"]!["riskLevel"] = riskLevel;
        var path = dir.File("risk.json");
        File.WriteAllText(path, district.ToJsonString());
        return path;
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}

using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems coordinate</c> on examples/two-feeders.json: the heat network (priority 1, heat pump COP 3 ≤ 40 kW, demand
/// [90, 120, 120, 90] kW of heat) and the EV hub ([20, 40, 20, 20] kW) on feeder-a (60 kW), the school (heat pump
/// [30, 20, 50, 60] kW by plan) on feeder-b, 100 kW at the substation. By hand, before coordination feeder-a draws
/// [30 + 20, 40 + 40, 40 + 20, 30 + 20] = [50, 80, 60, 50] kW and the substation [80, 100, 110, 110] kW.
/// </summary>
public sealed class CoordinateGridTests
{
    private static readonly Dictionary<string, string> NodeOf = new(StringComparer.Ordinal)
    {
        ["heat-network"] = "feeder-a",
        ["ev-hub"] = "feeder-a",
        ["school"] = "feeder-b",
    };

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    [Fact]
    public void Json_nodes_are_the_sums_of_their_subsystems_draws_and_every_node_limit_holds()
    {
        var run = CliRun.Invoke("coordinate", Example("two-feeders.json"), "--json");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        var draws = root.GetProperty("subsystems").EnumerateArray().ToDictionary(
            s => s.GetProperty("id").GetString()!, s => Numbers(s.GetProperty("result").GetProperty("draw").GetProperty("electricity")));
        var nodes = root.GetProperty("nodes");

        foreach (var (node, members) in new[] { ("feeder-a", new[] { "heat-network", "ev-hub" }), ("feeder-b", ["school"]), ("substation", ["heat-network", "ev-hub", "school"]) })
        {
            var electricity = nodes.GetProperty(node).GetProperty("electricity");
            var sum = new double[4];
            foreach (var m in members) for (var i = 0; i < 4; i++) sum[i] += draws[m][i];
            Assert.Equal(sum.Select(v => Math.Round(v, 5)), Numbers(electricity.GetProperty("draw")).Select(v => Math.Round(v, 5)));
            Assert.Equal(0.0, electricity.GetProperty("violationKwh").GetProperty("after").GetDouble(), 9);
            if (electricity.GetProperty("limit").ValueKind != JsonValueKind.Null)
            {
                var limit = Numbers(electricity.GetProperty("limit"));
                for (var i = 0; i < 4; i++) Assert.True(sum[i] <= limit[i] + 1e-6, $"{node} step {i}: {sum[i]} kW above {limit[i]} kW");
            }
        }

        Assert.All(NodeOf.Keys, id => Assert.Contains(id, draws.Keys));
        var feederA = nodes.GetProperty("feeder-a").GetProperty("electricity");
        Assert.Equal([50.0, 80, 60, 50], Numbers(feederA.GetProperty("drawBefore")));
        Assert.Equal([60.0, 60, 60, 60], Numbers(feederA.GetProperty("limit")));
        Assert.Equal([0.0, 20, 0, 0], Numbers(feederA.GetProperty("excessBefore")));
        Assert.Equal(20 * 0.25, feederA.GetProperty("violationKwh").GetProperty("before").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, nodes.GetProperty("feeder-b").GetProperty("electricity").GetProperty("limit").ValueKind);
        // The top-level fields are the root's.
        Assert.Equal([80.0, 100, 110, 110], Numbers(root.GetProperty("districtDrawBefore").GetProperty("electricity")));
        Assert.Equal(Numbers(nodes.GetProperty("substation").GetProperty("electricity").GetProperty("draw")), Numbers(root.GetProperty("districtDraw").GetProperty("electricity")));
    }

    [Fact]
    public void The_reference_objective_is_at_most_the_coordinated_one_and_the_gap_is_their_relative_difference()
    {
        var run = CliRun.Invoke("coordinate", Example("two-feeders.json"), "--json", "--reference");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        var coordinated = root.GetProperty("subsystems").EnumerateArray().Sum(s => s.GetProperty("result").GetProperty("objective").GetDouble());
        Assert.Equal(coordinated, root.GetProperty("objective").GetDouble(), 5);
        var reference = root.GetProperty("reference");
        Assert.Equal("optimal", reference.GetProperty("status").GetString());
        Assert.True(reference.GetProperty("limitsHold").GetBoolean());
        var best = reference.GetProperty("objective").GetDouble();
        Assert.True(best <= coordinated + 1e-6, $"reference {best} above the coordinated {coordinated}");
        Assert.Equal((coordinated - best) / Math.Abs(best) * 100, reference.GetProperty("gapPercent").GetDouble(), 4);
    }

    [Fact]
    public void Economic_mode_reports_its_price_rounds_holds_every_node_and_is_not_below_the_reference()
    {
        using var folder = new TempDirectory();
        var file = folder.File("two-feeders-economic.json");
        File.WriteAllText(file, File.ReadAllText(Example("two-feeders.json")).Replace("\"mode\": \"priority\"", "\"mode\": \"economic\"", StringComparison.Ordinal));
        var run = CliRun.Invoke("coordinate", file, "--json", "--reference");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal("economic", root.GetProperty("mode").GetString());
        Assert.True(root.GetProperty("economic").GetProperty("priceRounds").GetInt32() >= 1);
        foreach (var node in root.GetProperty("nodes").EnumerateObject())
            Assert.Equal(0.0, node.Value.GetProperty("electricity").GetProperty("violationKwh").GetProperty("after").GetDouble(), 9);
        var coordinated = root.GetProperty("objective").GetDouble();
        var best = root.GetProperty("reference").GetProperty("objective").GetDouble();
        Assert.True(best <= coordinated + 1e-6, $"reference {best} above the coordinated {coordinated}");
    }

    [Fact]
    public void The_table_has_a_section_per_node_with_its_limit_and_the_reference_line()
    {
        var run = CliRun.Invoke("coordinate", Example("two-feeders.json"), "--reference");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Grid nodes (3, root substation)", run.Stdout, StringComparison.Ordinal);
        var feederA = Assert.Single(run.Stdout.Split('\n'), l => l.TrimStart().StartsWith("feeder-a", StringComparison.Ordinal));
        Assert.Contains("60.0–60.0", feederA, StringComparison.Ordinal);
        Assert.Contains("80.0", feederA, StringComparison.Ordinal); // peak before, kW
        Assert.Contains("Centralised reference (optimal", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("% above the reference", run.Stdout, StringComparison.Ordinal);
        // A file without a grid keeps its table without the node section.
        Assert.DoesNotContain("Grid nodes", CliRun.Invoke("coordinate", Example("two-subsystems-limit.json")).Stdout, StringComparison.Ordinal);
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();
}

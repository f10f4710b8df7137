using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// A district file that breaks the contract is rejected with exit code 2, nothing on stdout, and a message on stderr
/// that names the JSON path of the problem.
/// </summary>
public sealed class InvalidFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChargeEfficiencyAboveOneExitsTwoWithPathValueAndRule(bool json)
    {
        using var temp = new TempDirectory();
        var file = Mutated(temp, ExampleFile.HeatNetwork, d => Store(d)["chargeEfficiency"] = 1.4);
        var args = json ? new[] { "solve", file, "--json" } : new[] { "solve", file };

        var run = CliRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains(file, run.Stderr, StringComparison.Ordinal);
        var line = Assert.Single(Lines(run.Stderr), l => l.Contains("subsystems[0].stores[0].chargeEfficiency", StringComparison.Ordinal));
        Assert.Contains("1.4", line, StringComparison.Ordinal);
        // The rule: an efficiency is in (0, 1]; however phrased, the line must state the bound 1.
        Assert.Matches(new Regex(@"\(0,\s*1\]|(<=|≤)\s*1\b|at most 1\b|not (be )?(greater|more) than 1\b"), line);
    }

    [Theory]
    [InlineData("series-too-short", "subsystems[0].supplies[0].conversions[0].efficiency")]
    [InlineData("weights-sum", "subsystems[0].weights")]
    [InlineData("factor-of-undrawn-resource", "factors.cost.solar")]
    [InlineData("limit-of-undrawn-resource", "districtLimits.solar")]
    [InlineData("store-type-not-produced", "subsystems[0].stores[0].energyType")]
    [InlineData("state-space-input-not-produced", "subsystems[0].demands[0].B.cold")]
    [InlineData("disturbance-not-declared", "subsystems[0].demands[0].E.wind")]
    [InlineData("duplicate-priority", "subsystems[1].priority")]
    [InlineData("unknown-terminal", "subsystems[0].stores[0].terminal")]
    [InlineData("socInitial-above-socMax", "subsystems[0].stores[0].socInitial")]
    public void ContractViolationExitsTwoNamingItsPath(string violation, string path)
    {
        using var temp = new TempDirectory();
        var file = Mutated(temp, ExampleFile.HeatNetwork, d => Break(d, violation));

        var run = CliRun.Invoke("solve", file, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains(Lines(run.Stderr), l => l.TrimStart().StartsWith(path, StringComparison.Ordinal));
    }

    [Fact]
    public void OneBadSeriesIsReportedOnceWithoutFalseFollowOnErrors()
    {
        using var temp = new TempDirectory();
        var file = Mutated(temp, ExampleFile.InfeasibleBoiler, d =>
            Supply(d, 0)["conversions"]![0]!["efficiency"] = new JsonArray(Enumerable.Repeat(0.9, 95).Select(v => (JsonNode?)v).ToArray()));

        var run = CliRun.Invoke("solve", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(Lines(run.Stderr), l => l.Contains("subsystems[0].supplies[0].conversions[0].efficiency", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(run.Stderr), l => l.Contains("subsystems[0].resources.gas", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(run.Stderr), l => l.Contains("subsystems[0].demands[0].energyType", StringComparison.Ordinal));
    }

    private static void Break(JsonNode district, string violation)
    {
        var subsystem = district["subsystems"]![0]!;
        switch (violation)
        {
            case "series-too-short":
                // 95 numbers for a horizon of 96 steps: neither one number nor exactly horizonSteps numbers.
                var cop = subsystem["supplies"]![0]!["conversions"]![0]!["efficiency"]!.AsArray();
                cop.RemoveAt(cop.Count - 1);
                break;
            case "weights-sum":
                subsystem["weights"]!["energy"] = 0.7; // 0.7 + 0 + 0.4 = 1.1
                break;
            case "factor-of-undrawn-resource":
                district["factors"]!["cost"]!["solar"] = 0.01;
                break;
            case "limit-of-undrawn-resource":
                district["districtLimits"] = new JsonObject { ["solar"] = 100 };
                break;
            case "store-type-not-produced":
                Store(district)["energyType"] = "cold";
                break;
            case "state-space-input-not-produced":
                subsystem["demands"]![0]!["B"]!["cold"] = new JsonArray(new JsonArray(0.001));
                break;
            case "disturbance-not-declared":
                subsystem["demands"]![0]!["E"]!["wind"] = new JsonArray(new JsonArray(0.01));
                break;
            case "duplicate-priority":
                var copy = subsystem.DeepClone();
                copy["id"] = "greenwich-heat-2";
                district["subsystems"]!.AsArray().Add(copy);
                break;
            case "unknown-terminal":
                Store(district)["terminal"] = "sometimes";
                break;
            case "socInitial-above-socMax":
                Store(district)["socInitial"] = 700; // socMax is 600
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(violation), violation, null);
        }
    }

    private static JsonNode Store(JsonNode district) => district["subsystems"]![0]!["stores"]![0]!;

    private static JsonNode Supply(JsonNode district, int index) => district["subsystems"]![0]!["supplies"]![index]!;

    private static string Mutated(TempDirectory temp, string example, Action<JsonNode> mutate)
    {
        var district = ExampleFile.LoadNode(example);
        mutate(district);
        var file = temp.File("invalid-" + example);
        File.WriteAllText(file, district.ToJsonString());
        return file;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>The example district files copied next to the tests, read independently of the engine's reader.</summary>
public static class ExampleFile
{
    public const string HeatNetwork = "heat-network.json";
    public const string EvPvHub = "ev-pv-hub.json";
    public const string InfeasibleBoiler = "infeasible-boiler.json";
    public const string BoilerCommitment = "boiler-commitment.json";

    public static string PathOf(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", name);
        Assert.True(File.Exists(path), $"example {path} is not in the test output folder");
        return path;
    }

    public static JsonElement Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(name)));
        return document.RootElement.Clone();
    }

    public static JsonNode LoadNode(string name) => JsonNode.Parse(File.ReadAllText(PathOf(name)))!;

    /// <summary>A contract series: one number (the same at every step) or an array of exactly n numbers.</summary>
    public static double[] Series(JsonElement value, int n)
    {
        if (value.ValueKind == JsonValueKind.Number) return Enumerable.Repeat(value.GetDouble(), n).ToArray();
        var values = Doubles(value);
        Assert.Equal(n, values.Length);
        return values;
    }

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>A factor's value for a resource at every step; a factor that names no value for the resource counts as 0.</summary>
    public static double[] Factor(JsonElement district, string factor, string resource, int n) =>
        district.GetProperty("factors").TryGetProperty(factor, out var f) && f.TryGetProperty(resource, out var series)
            ? Series(series, n)
            : new double[n];

    public static double StepHours(JsonElement district) =>
        (district.TryGetProperty("stepMinutes", out var m) ? m.GetInt32() : 15) / 60.0;

    public static int HorizonSteps(JsonElement district) =>
        district.TryGetProperty("horizonSteps", out var n) ? n.GetInt32() : 96;
}

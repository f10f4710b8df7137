using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems identify</c> recovers a known first-order model from a CSV and prints a valid demand block, and refuses
/// (exit 1, no "met") a model in which more heat cools, and closed-loop data.
/// </summary>
public sealed class IdentifyCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// 22 days hourly, "time,temp,heat,outdoor": temp[k+1] = 0.9·temp[k] + b·heat[k] + 0.1·outdoor[k] + noise (±0.05 K
    /// uniform), outdoor a daily sine around 5 °C; heat uniform 0–1,000 kW, or with a gain set by a weather
    /// compensation, heat = 500 − gain·(outdoor − 5) ± 20 kW.
    /// </summary>
    private string WriteCsv(double b = 0.01, double gainKwPerK = 0.0)
    {
        var random = new Random(8);
        var text = new StringBuilder("time,temp,heat,outdoor\n");
        var x = 55.0;
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var k = 0; k < 22 * 24; k++)
        {
            var outdoor = 5.0 + 4.0 * Math.Sin(2 * Math.PI * k / 24.0) + random.NextDouble() - 0.5;
            var heat = gainKwPerK > 0 ? 500.0 - gainKwPerK * (outdoor - 5.0) + 20.0 * (2 * random.NextDouble() - 1) : 1000.0 * random.NextDouble();
            text.Append(CultureInfo.InvariantCulture, $"{start.AddHours(k):yyyy-MM-ddTHH:mm:ssZ},{x:R},{heat:R},{outdoor:R}\n");
            x = 0.9 * x + b * heat + 0.1 * outdoor + 0.1 * (random.NextDouble() - 0.5);
        }

        var path = _dir.File("plant.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static CliRun Identify(string path, params string[] more) =>
        CliRun.Invoke(["identify", "--csv", path, "--time", "time", "--state", "temp", "--input", "heat=heat", "--disturbance", "outdoor=outdoor", "--unit", "°C", .. more]);

    /// <summary>"met" as a word ("parameters" does not count).</summary>
    private static bool SaysMet(CliRun run) => Regex.IsMatch(run.Stdout + run.Stderr, @"\bmet\b");

    [Fact]
    public void Open_loop_data_of_a_heating_plant_are_approved_and_the_three_blocks_are_named()
    {
        var run = Identify(WriteCsv());
        Assert.Equal(0, run.ExitCode);
        // 528 rows = 527 steps: 20 % = 105 validation and 105 test steps, 317 to fit; hourly from 1 January 00:00.
        Assert.Contains("blocks: fit 2022-01-01 00:00 UTC – 2022-01-14 05:00 UTC (317 steps); validation 2022-01-14 05:00 UTC – " +
            "2022-01-18 14:00 UTC (105 steps), λ chosen here; test 2022-01-18 14:00 UTC – 2022-01-22 23:00 UTC (105 steps), the figures below", run.Stdout);
        Assert.Contains("verdict: approved", run.Stdout);
        Assert.Matches(@"sign: B\[heat\] = 0\.0(09\d*|10\d*) °C per kW per step, > 0 as expected", run.Stdout);
        Assert.DoesNotContain("closed-loop", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_in_which_more_heat_cools_exits_1_in_words_with_no_met_and_no_block()
    {
        // The state falls 0.004 K per kW of "heat": the column a cooling meter, or a sign-flipped heat meter.
        var run = Identify(WriteCsv(b: -0.004));
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"more heat makes the network colder: B\[heat\] = −0\.00(39|40|41)\d* °C per kW per step; expected > 0", run.Stderr);
        Assert.Contains("verdict: NOT approved", run.Stdout);
        Assert.Contains("wrong sign", run.Stdout);
        Assert.False(SaysMet(run), run.Stdout + run.Stderr);
        Assert.DoesNotContain("{", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expected_sign_given_with_expect_overrides_the_default()
    {
        var run = Identify(WriteCsv(), "--expect", "heat=-", "--id", "zone");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("more heat makes the zone warmer: B[heat] = 0.0", run.Stderr);
        Assert.Contains("expected < 0", run.Stderr);
        Assert.False(SaysMet(run));

        var none = Identify(WriteCsv(b: -0.004), "--expect", "heat=none");
        Assert.DoesNotContain("wrong sign", none.Stdout, StringComparison.Ordinal);

        var bad = Identify(WriteCsv(), "--expect", "gas=+");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--expect names \"gas\", which is not an --input (inputs: heat)", bad.Stderr);
        var sign = Identify(WriteCsv(), "--expect", "heat=up");
        Assert.Equal(2, sign.ExitCode);
        Assert.Contains("the sign must be +, - or none", sign.Stderr);
    }

    [Fact]
    public void Heat_set_from_the_weather_is_warned_closed_loop_and_not_approved()
    {
        var run = Identify(WriteCsv(gainKwPerK: 60.0));
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"warning: the data are closed-loop: heat moves with the disturbance outdoor \(r = −0\.9\d*, \|r\| > 0\.7 over the fit block\)", run.Stderr);
        Assert.Contains("verdict: NOT approved", run.Stdout);
        Assert.Contains("the data are closed-loop", run.Stdout);
        Assert.False(SaysMet(run), run.Stdout + run.Stderr);
        Assert.Contains("\"kind\": \"stateSpace\"", run.Stdout);
    }

    /// <summary>A shipped example under examples/data/identification/, found from the test's folder upwards.</summary>
    private static string Shipped(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "examples", "data", "identification", name);
            if (File.Exists(path)) return path;
        }

        Assert.Fail($"examples/data/identification/{name} is not above {AppContext.BaseDirectory}");
        return "";
    }

    [Theory]
    [InlineData("heat-network-open-loop.csv", 0)]
    [InlineData("heat-network-closed-loop.csv", 1)]
    public void The_shipped_examples_recover_their_generator_or_are_warned_closed_loop(string name, int exitCode)
    {
        // generate.py: x[k+1] = 0.9·x + 0.004·heat − 0.003·load + 0.5·ground + w, σ(w) = 0.05 K.
        var run = CliRun.Invoke("identify", "--csv", Shipped(name), "--time", "time", "--state", "network_temp_c", "--input", "heat=heat_kw",
            "--disturbance", "load=load_kw", "--disturbance", "ground=ground_temp_c", "--unit", "°C");
        Assert.Equal(exitCode, run.ExitCode);
        var block = JsonNode.Parse(run.Stdout[run.Stdout.IndexOf('{', StringComparison.Ordinal)..])!;
        if (exitCode == 0)
        {
            Assert.Equal(0.9, block["A"]![0]![0]!.GetValue<double>(), 0.005);
            Assert.Equal(0.004, block["B"]!["heat"]![0]![0]!.GetValue<double>(), 0.0002);
            Assert.Equal(-0.003, block["E"]!["load"]![0]![0]!.GetValue<double>(), 0.0002);
            Assert.Equal(0.5, block["E"]!["ground"]![0]![0]!.GetValue<double>(), 0.03);
            Assert.Contains("verdict: approved", run.Stdout);
        }
        else
        {
            Assert.Contains("the data are closed-loop: heat moves with the disturbance load", run.Stderr);
            Assert.False(SaysMet(run));
        }
    }

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

using Sems.Silo.Cli;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>Bad options of <c>sems market coordinator</c> and <c>sems market prosumer</c> name the option and the value (exit code 2) before any Kafka client starts.</summary>
public sealed class MarketCommandOptionTests
{
    private const string Community = """
        { "name": "opts", "stepMinutes": 60, "horizonSteps": 2, "tariff": { "retail": 0.3, "feedIn": 0.05 },
          "prosumers": [ { "id": "a", "kind": "dwelling", "loadKw": 1, "importMaxKw": 5, "exportMaxKw": 5 },
                         { "id": "ext", "kind": "dwelling", "external": true } ] }
        """;

    [Theory]
    [InlineData("--bootstrap", "localhost", "--bootstrap \"localhost\": \"localhost\" is not HOST:PORT")]
    [InlineData("--bootstrap", "127.0.0.1:70000", "\"127.0.0.1:70000\" is not HOST:PORT with a port from 1 to 65535")]
    [InlineData("--timeout-seconds", "0", "--timeout-seconds: 0 is out of range; it must be above 0 and at most 86400")]
    [InlineData("--timeout-seconds", "soon", "--timeout-seconds: \"soon\" is not a finite number")]
    [InlineData("--on-missing", "retry", "--on-missing \"retry\" is neither settle nor wait")]
    [InlineData("--topic-prefix", "a/b", "--topic-prefix \"a/b\" holds '/'")]
    public void A_bad_coordinator_option_is_refused_naming_it_and_its_value(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var file = folder.Write("c.json", Community);
        var args = new List<string> { "market", "coordinator", file, "--bootstrap", "127.0.0.1:9092" };
        if (option == "--bootstrap") args[4] = value;
        else args.AddRange([option, value]);

        var (exit, stdout, stderr) = Run([.. args]);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("nobody", "--id \"nobody\" is not a prosumer of community \"opts\" (it has a, ext)")]
    [InlineData("ext", "--id \"ext\" is external")]
    public void A_prosumer_id_that_cannot_run_here_is_refused(string id, string message)
    {
        using var folder = new TempFolder();
        var file = folder.Write("c.json", Community);

        var (exit, _, stderr) = Run(["market", "prosumer", file, "--id", id, "--bootstrap", "127.0.0.1:9092"]);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_community_file_is_refused_with_its_problems_and_a_missing_one_is_an_io_failure()
    {
        using var folder = new TempFolder();
        var invalid = folder.Write("bad.json", Community.Replace("\"loadKw\": 1", "\"loadKw\": -1", StringComparison.Ordinal));

        var (badExit, _, badErr) = Run(["market", "coordinator", invalid, "--bootstrap", "127.0.0.1:9092"]);
        var (missingExit, _, missingErr) = Run(["market", "prosumer", Path.Combine(folder.Path, "none.json"), "--id", "a", "--bootstrap", "127.0.0.1:9092"]);

        Assert.Equal(2, badExit);
        Assert.Contains("prosumers[0].loadKw: -1", badErr, StringComparison.Ordinal);
        Assert.Equal(3, missingExit);
        Assert.Contains("none.json", missingErr, StringComparison.Ordinal);
    }

    private static (int Exit, string Stdout, string Stderr) Run(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = SemsCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}

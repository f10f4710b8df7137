using Xunit;

namespace Sems.Cli.Tests;

/// <summary>Exit codes of <c>sems</c>: 0 every subsystem has a plan, 1 one has none, 2 invalid file or usage.</summary>
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(ExampleFile.HeatNetwork)]
    [InlineData(ExampleFile.EvPvHub)]
    public void SolvableExampleExitsZero(string example)
    {
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(example));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("optimal", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InfeasibleExampleExitsOne()
    {
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.InfeasibleBoiler));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("infeasible", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InfeasibleExampleExitsOneWithJsonToo()
    {
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.InfeasibleBoiler), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("infeasible", run.Subsystem("block-b").GetProperty("status").GetString());
    }

    [Fact]
    public void MissingFileIsAnIoFailureExitingThreeNamingTheFile()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("no-such-district.json");

        var run = CliRun.Invoke("solve", missing, "--json");

        Assert.Equal(3, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("no-such-district.json", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FileThatIsNotJsonExitsTwo()
    {
        using var temp = new TempDirectory();
        var file = temp.File("broken.json");
        File.WriteAllText(file, "{ \"name\": \"broken\", ");

        var run = CliRun.Invoke("solve", file, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("broken.json", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOptionExitsTwoNamingTheOption()
    {
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("--frobnicate", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("solve")]
    [InlineData("solve", "--json")]
    [InlineData("solve", "--csv", "out")]
    public void SolveWithoutFileExitsTwo(params string[] args)
    {
        var run = CliRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.NotEmpty(run.Stderr);
    }

    [Fact]
    public void OptionWithoutItsValueExitsTwo()
    {
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--csv");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("--csv", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NonNumericOptionValueExitsTwo()
    {
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--time-limit", "soon");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("soon", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoFilesExitTwo()
    {
        var file = ExampleFile.PathOf(ExampleFile.HeatNetwork);

        var run = CliRun.Invoke("solve", file, ExampleFile.PathOf(ExampleFile.EvPvHub));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void UnknownCommandExitsTwo()
    {
        var run = CliRun.Invoke("optimise", ExampleFile.PathOf(ExampleFile.HeatNetwork));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("optimise", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public void HelpExitsZeroAndListsEveryCommand(string help)
    {
        var run = CliRun.Invoke(help);

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "solve <FILE>", "coordinate <FILE>", "serve <FILE>", "simulate <SCENARIO>", "demo", "forecast-eval", "identify", "db", "history", "help" })
            Assert.Contains(Environment.NewLine + "  " + command + " ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 success", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Theory]
    [InlineData("solve", "--json --csv --lp --time-limit --gap --slack-segments --slack-range --lp-solver --mip-solver")]
    [InlineData("coordinate", "--json")]
    [InlineData("serve", "--connection --time-scale --start --listen --allow-unauthenticated --silo-port --gateway-port --grpc-port --http-port --insecure-dev")]
    [InlineData("gateway", "--cluster --listen --grpc-port --http-port --insecure-dev")]
    [InlineData("simulate", "--out")]
    [InlineData("demo", "--days --seed --out")]
    [InlineData("forecast-eval", "--csv --time --target --feature --test-days --validation-days --seed --unit --json")]
    [InlineData("identify", "--csv --time --state --input --disturbance --id --band --unit")]
    [InlineData("db init", "--connection")]
    [InlineData("history", "--connection --district --from --to --kind --limit --json")]
    public void Each_commands_help_lists_each_of_its_options_on_stdout(string command, string options)
    {
        var names = command.Split(' ');
        var viaOption = CliRun.Invoke([.. names, "--help"]);
        var viaHelp = CliRun.Invoke(["help", .. names]);

        Assert.Equal(0, viaOption.ExitCode);
        Assert.Empty(viaOption.Stderr);
        Assert.Matches($@"Usage:\s+\S+ {command} ", viaOption.Stdout);
        foreach (var option in options.Split(' '))
            Assert.Matches($@"(?m)^  {System.Text.RegularExpressions.Regex.Escape(option)}\b", viaOption.Stdout);
        Assert.Equal(viaOption, viaHelp);
    }

    [Fact]
    public void A_mistyped_command_exits_two_suggesting_the_command_on_stderr()
    {
        var run = CliRun.Invoke("solv", ExampleFile.PathOf(ExampleFile.HeatNetwork));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("'solv' was not matched", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(Environment.NewLine + "solve" + Environment.NewLine, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_of_an_unknown_command_exits_two()
    {
        var run = CliRun.Invoke("help", "optimise");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("\"optimise\" is not a command", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo", "--days", "0", "--days: 0 is out of range; it must be above 0 and at most 60")]
    [InlineData("demo", "--days", "61", "--days: 61 is out of range")]
    [InlineData("demo", "--seed", "x", "--seed: \"x\" is not a whole number")]
    [InlineData("serve", "--time-scale", "0", "--time-scale: 0 is out of range; it must be above 0 and at most 10000")]
    [InlineData("serve", "--time-scale", "10000.5", "--time-scale: 10000.5 is out of range")]
    [InlineData("serve", "--time-scale", "fast", "--time-scale: \"fast\" is not a finite number")]
    [InlineData("serve", "--start", "soon", "--start: \"soon\" is not an ISO 8601 timestamp")]
    [InlineData("solve", "--gap", "1", "--gap: 1 is out of range; it must be from 0 up to (not including) 1")]
    [InlineData("solve", "--time-limit", "0", "--time-limit: 0 is out of range")]
    [InlineData("solve", "--slack-segments", "0", "--slack-segments: 0 is out of range; it must be from 1 to 1000")]
    [InlineData("solve", "--slack-range", "-1", "--slack-range: -1 is out of range")]
    public void Numeric_options_out_of_their_documented_range_exit_two_before_anything_runs(string command, string option, string value, string message)
    {
        string[] args = command == "demo" ? [command, option, value] : [command, ExampleFile.PathOf(ExampleFile.HeatNetwork), option, value];
        var run = CliRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NoArgumentsIsBadUsage()
    {
        var run = CliRun.Invoke();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  solve <FILE> ", run.Stdout, StringComparison.Ordinal);
    }
}

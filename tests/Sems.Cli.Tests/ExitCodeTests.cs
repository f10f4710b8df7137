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
    public void HelpExitsZeroAndDescribesSolve(string help)
    {
        var run = CliRun.Invoke(help);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sems solve FILE", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--json", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--csv", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void NoArgumentsIsBadUsage()
    {
        var run = CliRun.Invoke();

        Assert.Equal(2, run.ExitCode);
    }
}

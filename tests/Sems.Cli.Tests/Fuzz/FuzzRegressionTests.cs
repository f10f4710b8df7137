using Xunit;

namespace Sems.Cli.Tests.Fuzz;

/// <summary>Inputs the fuzzer found that once broke a guarantee, each replayed exactly as the fuzz case made it.</summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// csv-identify case 18 (seed 20761219): the 22-day hourly series with lines 274–470 deleted leaves 13 usable days.
    /// identify exited 2 printing only the reader's problem, "Only 13 whole days remain usable…", naming neither itself
    /// nor the file; it now leads with a "sems:" line naming the file, as forecast-eval does.
    /// </summary>
    [Fact]
    public void Identify_refusing_a_csv_with_too_few_usable_days_names_the_file_on_a_sems_line()
    {
        var lines = FuzzSeeds.Csv(60, spaceSeparatedTimes: false).TrimEnd('\n').Split('\n').ToList();
        lines.RemoveRange(273, 470 - 274 + 1);
        var path = _dir.File("gappy.csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");

        var run = CliRun.Invoke("identify", "--csv", path, "--time", "time", "--state", "temp", "--input", "heat=heat", "--disturbance", "ground=ground");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sems: {path} cannot be identified (1 problem):", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Only 13 whole days remain usable", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}

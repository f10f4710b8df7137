using Sems.Silo.Cli;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// Every output folder option is checked before the run starts: an existing file, or a parent that is a file, fails at
/// once with exit code 3 (I/O failure), a message naming the option and the path, and nothing on stdout.
/// </summary>
public sealed class OutputFolderTests
{
    public static TheoryData<string, string> Options => new()
    {
        { "solve", "--csv" },
        { "solve", "--lp" },
        { "simulate", "--out" },
        { "demo", "--out" },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void An_existing_file_as_the_folder_fails_up_front_with_exit_3(string command, string option)
    {
        using var temp = new TempDirectory();
        var file = temp.File("taken");
        File.WriteAllText(file, "keep me");

        var run = Run(command, option, file, temp);

        AssertFailedUpFront(run, option, file);
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(temp.Path).Where(e => !e.EndsWith(".json", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void A_parent_that_is_a_file_fails_up_front_with_exit_3(string command, string option)
    {
        using var temp = new TempDirectory();
        var file = temp.File("parent");
        File.WriteAllText(file, "keep me");
        var folder = Path.Combine(file, "out");

        var run = Run(command, option, folder, temp);

        AssertFailedUpFront(run, option, folder);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void Solve_json_with_an_unusable_csv_folder_prints_no_json()
    {
        using var temp = new TempDirectory();
        var file = temp.File("taken");
        File.WriteAllText(file, "");

        var run = CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--json", "--csv", file);

        Assert.Equal(SemsCli.IoFailure, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("--csv", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_into_an_existing_folder_replaces_its_files_and_keeps_the_others()
    {
        using var temp = new TempDirectory();
        var output = temp.File("csv");
        Directory.CreateDirectory(Path.Combine(output, "greenwich-heat"));
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(output, "greenwich-heat", "draw.csv"), "old");

        var run = CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--csv", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
        Assert.StartsWith("step,start_utc,", File.ReadAllText(Path.Combine(output, "greenwich-heat", "draw.csv")), StringComparison.Ordinal);
        Assert.Equal([output], Directory.GetFileSystemEntries(temp.Path));
    }

    private static CliRun Run(string command, string option, string folder, TempDirectory temp) => command switch
    {
        "solve" => CliRun.Invoke("solve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--json", option, folder),
        "simulate" => CliRun.Invoke("simulate", Scenario(temp), option, folder),
        _ => CliRun.Invoke("demo", "--days", "0.01", option, folder),
    };

    private static string Scenario(TempDirectory temp)
    {
        var path = temp.File("scenario.json");
        File.WriteAllText(path, """{ "name": "short", "days": 0.01 }""");
        return path;
    }

    private static void AssertFailedUpFront(CliRun run, string option, string path)
    {
        Assert.Equal(SemsCli.IoFailure, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(path, run.Stderr, StringComparison.Ordinal);
    }
}

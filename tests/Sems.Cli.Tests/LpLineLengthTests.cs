using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// The LP export keeps every line within 255 characters (the CPLEX LP format allows 560): long objective and constraint
/// lines are wrapped between terms, and GLPK still reads the wrapped file to the optimum OR-Tools reports.
/// </summary>
public sealed class LpLineLengthTests
{
    [Theory]
    [InlineData("heat-network.json")]
    [InlineData("ev-pv-hub.json")]
    [InlineData("boiler-commitment.json")]
    [InlineData("infeasible-boiler.json")]
    [InlineData("two-subsystems-limit.json")]
    public void Every_line_of_every_model_is_at_most_255_characters_and_glpk_agrees(string example)
    {
        using var temp = new TempDirectory();
        var folder = temp.File("lp");
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(example), "--json", "--lp", folder);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);

        var models = Directory.GetFiles(folder, "*.lp");
        Assert.NotEmpty(models);
        // Wrapping happened: the objective (a term per variable and step) continues on indented lines.
        Assert.Contains(models.SelectMany(File.ReadLines), l => l.StartsWith("  + ", StringComparison.Ordinal) || l.StartsWith("  - ", StringComparison.Ordinal));
        foreach (var model in models)
        {
            var lines = File.ReadAllLines(model);
            Assert.All(lines, l => Assert.True(l.Length <= 255, $"{Path.GetFileName(model)}: a line of {l.Length} characters"));

            var subsystem = Path.GetFileNameWithoutExtension(model);
            var result = run.Subsystem(subsystem);
            if (result.GetProperty("status").GetString() != "optimal") continue;
            var ours = result.GetProperty("modelObjective").GetDouble();
            Assert.Equal(ours, Glpsol(model, temp.File(subsystem + ".txt")), Math.Max(1e-6, 1e-7 * Math.Abs(ours)));
        }
    }

    private static double Glpsol(string model, string solution)
    {
        using var process = Process.Start(new ProcessStartInfo("glpsol", ["--lp", model, "-o", solution]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        var line = File.ReadLines(solution).First(l => l.StartsWith("Objective:", StringComparison.Ordinal));
        return double.Parse(line.Split('=')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

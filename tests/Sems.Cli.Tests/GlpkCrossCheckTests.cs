using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// A second solver on the same model: each example's LP export (<c>sems solve --lp</c>) solved by GLPK's glpsol must
/// reach the objective OR-Tools reports (modelObjective), the MILP included. glpsol comes from Debian's glpk-utils,
/// which scripts/test.sh installs.
/// </summary>
public sealed class GlpkCrossCheckTests
{
    [Theory]
    [InlineData("heat-network.json", "greenwich-heat")]
    [InlineData("ev-pv-hub.json", "greenwich-ev-pv")]
    [InlineData("boiler-commitment.json", "school")]
    public void Glpk_reaches_the_same_optimum_as_or_tools(string example, string subsystem)
    {
        // The LP folder sits inside a folder of its own, so the solve's staging folder (".lp.….tmp", next to its target)
        // is made there and never appears in the shared temp folder that the fuzz tests watch.
        var root = Path.Combine(Path.GetTempPath(), $"sems-glpk-{Guid.NewGuid():N}");
        var folder = Path.Combine(root, "lp");
        Directory.CreateDirectory(root);
        try
        {
            var run = CliRun.Invoke("solve", ExampleFile.PathOf(example), "--json", "--lp", folder);
            Assert.Equal(0, run.ExitCode);
            var ours = run.Subsystem(subsystem).GetProperty("modelObjective").GetDouble();

            var glpk = Glpsol(Path.Combine(folder, $"{subsystem}.lp"), Path.Combine(folder, "solution.txt"));
            Assert.Equal(ours, glpk, Math.Max(1e-6, 1e-7 * Math.Abs(ours)));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static double Glpsol(string model, string solution)
    {
        var start = new ProcessStartInfo("glpsol", ["--lp", model, "-o", solution]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("glpsol (Debian package glpk-utils) is not installed; scripts/test.sh installs it", e);
        }

        using (process)
        {
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }

        var line = File.ReadLines(solution).First(l => l.StartsWith("Objective:", StringComparison.Ordinal));
        // "Objective:  obj = 280.6804253 (MINimum)"
        var value = line.Split('=')[1].Trim().Split(' ')[0];
        return double.Parse(value, CultureInfo.InvariantCulture);
    }
}

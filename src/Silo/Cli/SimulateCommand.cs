using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Sems.Silo.Hosting;
using Sems.Silo.Reporting;
using Sems.Silo.Simulation;

namespace Sems.Silo.Cli;

/// <summary><c>sems simulate SCENARIO.json [--out DIR]</c>: runs one scenario of the twin against SEMS in an embedded silo.</summary>
internal static class SimulateCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        string? output = null;
        for (var k = 0; k < args.Length; k++)
        {
            if (args[k] == "--out")
            {
                if (k + 1 >= args.Length) return SemsCli.Fail(stderr, "--out needs a directory");
                output = args[++k];
            }
            else if (args[k].StartsWith("--", StringComparison.Ordinal)) return SemsCli.Fail(stderr, $"unknown option {args[k]}");
            else if (file is null) file = args[k];
            else return SemsCli.Fail(stderr, $"one scenario file at a time (got \"{file}\" and \"{args[k]}\")");
        }

        if (file is null) return SemsCli.Fail(stderr, "simulate needs a SCENARIO file");
        if (output is not null && OutputPath.ProblemWithFolder(output) is { } outputProblem) return SemsCli.OutputFailure(stderr, "--out", output, outputProblem);
        if (InputFile.ReadBytes(file, "scenario file", stderr) is not { } json) return SemsCli.IoFailure;

        var (scenario, problems) = ScenarioFile.Read(json);
        if (scenario is null)
        {
            stderr.WriteLine($"sems: {file} is not a valid scenario ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in problems.Take(ProblemList.MaxShown)) stderr.WriteLine($"  {problem}");
            if (problems.Count > ProblemList.MaxShown) stderr.WriteLine($"  … and {problems.Count - ProblemList.MaxShown} more problems");
            return SemsCli.InvalidInput;
        }

        var result = Simulations.RunAsync([scenario], stderr).GetAwaiter().GetResult()[0];
        KpiTable.Write(stdout, [result]);
        if (output is not null)
        {
            try
            {
                var name = $"{scenario.Name}-steps.csv";
                AtomicFolder.Write(output, [new OutputFile([name], () => Encoding.UTF8.GetBytes(StepCsv.Text(result)))]);
                stdout.WriteLine($"wrote {OutputPath.Under(output, name)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return SemsCli.OutputFailure(stderr, "--out", output, $"cannot write the step CSV: {e.Message}");
            }
        }

        return 0;
    }
}

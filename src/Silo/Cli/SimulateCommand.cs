using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Logging;
using Sems.Silo.Hosting;
using Sems.Silo.Reporting;
using Sems.Silo.Simulation;

namespace Sems.Silo.Cli;

/// <summary><c>sems simulate SCENARIO.json [--out DIR]</c>: runs one scenario of the twin against SEMS in an embedded silo.</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("SCENARIO") { Description = "The scenario file (JSON)." };
        var output = new Option<string>("--out") { Description = "Write every step as CSV into DIR.", HelpName = "DIR" };
        var command = new Command("simulate", "Runs the digital twin against SEMS (embedded silo, simulated clock) for the scenario and prints its KPIs.")
        {
            file, output,
        };
        command.SetAction(result => Run(result.GetRequiredValue(file), result.GetValue(output), stdout, stderr));
        return command;
    }

    private static int Run(string file, string? output, TextWriter stdout, TextWriter stderr)
    {
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

using System.CommandLine;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;
using Sems.Engine.Reporting;
using Sems.Silo.Reporting;

namespace Sems.Silo.Cli;

/// <summary><c>sems solve FILE</c>: validate the district file, solve each subsystem, print a table, JSON or CSV files.</summary>
internal static class SolveCommand
{
    public const string Notes = """
        Exit code: 0 every subsystem optimal or feasible, 1 one is not (infeasible, unbounded, error), 2 invalid file or
        usage, 3 an output folder cannot be written (nothing printed on stdout then).
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var defaults = MpcOptions.Default;
        var file = new Argument<string>("FILE") { Description = "The district file (JSON)." };
        var json = new Option<bool>("--json") { Description = "Print only the JSON array of results (the district-format contract) on stdout." };
        var csv = new Option<string>("--csv") { Description = "Write every trajectory as CSV files under DIR/<subsystem id>/.", HelpName = "DIR" };
        var lp = new Option<string>("--lp") { Description = "Write each subsystem's model in CPLEX LP format (names carry units) for another solver.", HelpName = "DIR" };
        var timeLimit = CliOptions.Number("--time-limit", "Wall-clock limit per solve, in seconds, above 0 up to 86400.", defaults.Solver.TimeLimit.TotalSeconds, 0, false, 86400, true, "above 0 and at most 86400 seconds");
        timeLimit.HelpName = "SECONDS";
        var gap = CliOptions.Number("--gap", "Relative MILP gap at which to stop, from 0 up to (not including) 1.", defaults.Solver.RelativeGap, 0, true, 1, false, "from 0 up to (not including) 1");
        gap.HelpName = "FRACTION";
        var segments = CliOptions.WholeNumber("--slack-segments", "Segments K of the piecewise-linear ε², from 1 to 1000.", defaults.SlackSegments, 1, 1000, "from 1 to 1000");
        segments.HelpName = "K";
        var range = CliOptions.Number("--slack-range", "ε range R (output unit) where the ε² error is at most R²/(4K²); above 0.", defaults.SlackRange, 0, false, double.MaxValue, true, "a finite number above 0");
        range.HelpName = "R";
        var lpSolver = new Option<string>("--lp-solver") { Description = "The LP solver: GLOP, PDLP or CLP.", HelpName = "NAME", DefaultValueFactory = _ => defaults.Solver.LpSolver };
        var mipSolver = new Option<string>("--mip-solver") { Description = "The MILP solver: SCIP, CBC or HIGHS.", HelpName = "NAME", DefaultValueFactory = _ => defaults.Solver.MipSolver };
        var command = new Command("solve", "Solves every subsystem's MPC problem (eqs. 1–24) of the district file FILE, without coordination.")
        {
            file, json, csv, lp, timeLimit, gap, segments, range, lpSolver, mipSolver,
        };
        command.SetAction(result =>
        {
            var options = defaults with
            {
                SlackSegments = result.GetValue(segments),
                SlackRange = result.GetValue(range),
                Solver = defaults.Solver with
                {
                    TimeLimit = TimeSpan.FromSeconds(result.GetValue(timeLimit)),
                    RelativeGap = result.GetValue(gap),
                    LpSolver = result.GetValue(lpSolver) ?? defaults.Solver.LpSolver,
                    MipSolver = result.GetValue(mipSolver) ?? defaults.Solver.MipSolver,
                },
            };
            return Run(result.GetRequiredValue(file), result.GetValue(json), result.GetValue(csv), result.GetValue(lp), options, stdout, stderr);
        });
        return command;
    }

    private static int Run(string file, bool json, string? csvDirectory, string? lpDirectory, MpcOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Validate() is { Count: > 0 } optionProblems)
        {
            foreach (var problem in optionProblems) stderr.WriteLine($"sems: {problem}");
            return SemsCli.InvalidInput;
        }

        foreach (var (option, directory) in new[] { ("--csv", csvDirectory), ("--lp", lpDirectory) })
        {
            if (directory is not null && OutputPath.ProblemWithFolder(directory) is { } problem)
                return SemsCli.OutputFailure(stderr, option, directory, problem);
        }

        if (DistrictLoader.Load(file, stderr, out var loadExit) is not var (district, _)) return loadExit;

        var results = DistrictSolver.SolveAll(district, options);

        // Files first, the report last: on a write failure nothing has been printed on stdout.
        var written = new List<string>();
        if (csvDirectory is not null)
        {
            try
            {
                var count = TrajectoryCsv.Write(csvDirectory, district, results);
                written.Add($"wrote {count} CSV files under {Path.GetFullPath(csvDirectory)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return SemsCli.OutputFailure(stderr, "--csv", csvDirectory, $"cannot write CSV files: {e.Message}");
            }
        }

        if (lpDirectory is not null)
        {
            try
            {
                var count = LpFiles.Write(lpDirectory, district, options);
                written.Add($"wrote {count} LP model file(s) under {Path.GetFullPath(lpDirectory)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return SemsCli.OutputFailure(stderr, "--lp", lpDirectory, $"cannot write LP files: {e.Message}");
            }
        }

        if (json) stdout.WriteLine(ResultJson.Serialize(results));
        else ResultTable.Write(stdout, district, results);
        foreach (var line in written) (json ? stderr : stdout).WriteLine(line);

        return results.All(r => r.HasPlan) ? 0 : 1;
    }
}

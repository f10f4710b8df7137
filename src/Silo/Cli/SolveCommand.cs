using System.Globalization;
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
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        string? csvDirectory = null;
        string? lpDirectory = null;
        var json = false;
        var options = MpcOptions.Default;
        var solver = options.Solver;
        for (var k = 0; k < args.Length; k++)
        {
            var arg = args[k];
            string Value() => k + 1 < args.Length ? args[++k] : throw new UsageException($"{arg} needs a value");
            try
            {
                switch (arg)
                {
                    case "--json": json = true; break;
                    case "--csv": csvDirectory = Value(); break;
                    case "--lp": lpDirectory = Value(); break;
                    case "--time-limit": solver = solver with { TimeLimit = TimeSpan.FromSeconds(ParseDouble(arg, Value())) }; break;
                    case "--gap": solver = solver with { RelativeGap = ParseDouble(arg, Value()) }; break;
                    case "--lp-solver": solver = solver with { LpSolver = Value() }; break;
                    case "--mip-solver": solver = solver with { MipSolver = Value() }; break;
                    case "--slack-segments": options = options with { SlackSegments = (int)ParseDouble(arg, Value()) }; break;
                    case "--slack-range": options = options with { SlackRange = ParseDouble(arg, Value()) }; break;
                    default:
                        if (arg.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unknown option {arg}");
                        if (file is not null) throw new UsageException($"one district file at a time (got \"{file}\" and \"{arg}\")");
                        file = arg;
                        break;
                }
            }
            catch (UsageException e)
            {
                return SemsCli.Fail(stderr, e.Message);
            }
        }

        if (file is null) return SemsCli.Fail(stderr, "solve needs a district FILE");
        options = options with { Solver = solver };
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

    private static double ParseDouble(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new UsageException($"{option}: \"{text}\" is not a number");

    private sealed class UsageException(string message) : Exception(message);
}

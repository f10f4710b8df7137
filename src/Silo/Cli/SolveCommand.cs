using System.Globalization;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;
using Sems.Engine.Reporting;

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

        if (DistrictLoader.Load(file, stderr) is not var (district, _)) return SemsCli.InvalidInput;

        var results = DistrictSolver.SolveAll(district, options);
        if (json) stdout.WriteLine(ResultJson.Serialize(results));
        else ResultTable.Write(stdout, district, results);

        if (csvDirectory is not null)
        {
            try
            {
                var written = TrajectoryCsv.Write(csvDirectory, district, results);
                (json ? stderr : stdout).WriteLine($"wrote {written} CSV files under {Path.GetFullPath(csvDirectory)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"sems: cannot write CSV files under \"{csvDirectory}\": {e.Message}");
                return SemsCli.InvalidInput;
            }
        }

        if (lpDirectory is not null)
        {
            try
            {
                Directory.CreateDirectory(lpDirectory);
                foreach (var subsystem in district.Subsystems)
                    File.WriteAllText(Path.Combine(lpDirectory, $"{subsystem.Id}.lp"), SubsystemModelBuilder.Build(district, subsystem, options).Program.ToLpFormat());
                (json ? stderr : stdout).WriteLine($"wrote {district.Subsystems.Count} LP model file(s) under {Path.GetFullPath(lpDirectory)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"sems: cannot write LP files under \"{lpDirectory}\": {e.Message}");
                return SemsCli.InvalidInput;
            }
        }

        return results.All(r => r.HasPlan) ? 0 : 1;
    }

    private static double ParseDouble(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new UsageException($"{option}: \"{text}\" is not a number");

    private sealed class UsageException(string message) : Exception(message);
}

using Sems.Contracts;
using Sems.Engine.Reporting;
using Sems.Grains;
using Sems.Silo.Hosting;

namespace Sems.Silo.Cli;

/// <summary><c>sems coordinate FILE</c>: one coordination cycle (Algorithm 1) of the district in an embedded silo.</summary>
internal static class CoordinateCommand
{
    public const string DistrictKey = "district";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        var json = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--json": json = true; break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal)) return SemsCli.Fail(stderr, $"unknown option {arg}");
                    if (file is not null) return SemsCli.Fail(stderr, $"one district file at a time (got \"{file}\" and \"{arg}\")");
                    file = arg;
                    break;
            }
        }

        if (file is null) return SemsCli.Fail(stderr, "coordinate needs a district FILE");
        if (DistrictLoader.Load(file, stderr, out var loadExit) is not var (district, districtJson)) return loadExit;

        var run = RunOneCycle(districtJson, district.Start ?? DateTimeOffset.UnixEpoch, stderr).GetAwaiter().GetResult();
        if (run is not var (report, results)) return SemsCli.InvalidInput;
        if (json) stdout.WriteLine(CoordinationJson.Serialize(report, district.Name, results));
        else CoordinationTable.Write(stdout, district, report);
        var allPlans = report.Subsystems.All(s => s.HasPlan);
        var limitsHold = report.ViolationAfterKwh.Values.All(v => v <= 0);
        return allPlans && limitsHold ? 0 : 1;
    }

    /// <summary>Cycle 0 of the file: the grains' clock stands at its start, so the cycle is the file's first step.</summary>
    private static async Task<(CoordinationCycleReport Report, IReadOnlyDictionary<string, string> Results)?> RunOneCycle(string json, DateTimeOffset start, TextWriter stderr)
    {
        await using var silo = await EmbeddedSilo.StartAsync(clock: new FrozenTimeProvider(start));
        var coordinator = silo.Grains.GetGrain<IDistrictCoordinatorGrain>(DistrictKey);
        var problems = await coordinator.Configure(json, start);
        if (problems.Length > 0)
        {
            foreach (var problem in problems) stderr.WriteLine($"  {problem}");
            return null;
        }

        var report = await coordinator.RunCycle();
        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in report.Subsystems)
        {
            var result = await silo.Grains.GetGrain<ISubsystemGrain>($"{DistrictKey}/{s.SubsystemId}").GetResult();
            results[s.SubsystemId] = result is null ? "null" : ResultJson.SerializeOne(ResultMapper.ToEngine(result));
        }

        return (report, results);
    }
}

using System.CommandLine;
using Sems.Contracts;
using Sems.Engine.Reporting;
using Sems.Grains;
using Sems.Silo.Hosting;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems coordinate FILE</c>: one coordination cycle of the district in an embedded silo (under every node's limits,
/// import and export, when the file has a grid); with <c>--reference</c> also the centralised reference and the gap to it.
/// </summary>
internal static class CoordinateCommand
{
    public const string DistrictKey = "district";

    public const string Notes = """
        Exit code: 0 every subsystem holds a plan and every limit holds (every grid node's), 1 otherwise, 2 invalid file or usage,
        3 the file cannot be read.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "The district file (JSON)." };
        var json = new Option<bool>("--json") { Description = "Print only the contract's coordination JSON object on stdout." };
        var reference = new Option<bool>("--reference")
        {
            Description = "Also solve the centralised reference (one joint problem under every node's limit) and print its objective and the gap of the coordinated plans to it.",
        };
        var command = new Command("coordinate",
            "Runs one coordination cycle (Algorithm 1) of the district in an embedded silo: every subsystem plans, the coordinator tightens their Pmax in priority order until the district limits hold, then commits step 0.")
        {
            file, json, reference,
        };
        command.SetAction(result => Run(result.GetRequiredValue(file), result.GetValue(json), result.GetValue(reference), stdout, stderr));
        return command;
    }

    private static int Run(string file, bool json, bool reference, TextWriter stdout, TextWriter stderr)
    {
        if (DistrictLoader.Load(file, stderr, out var loadExit) is not var (district, districtJson)) return loadExit;

        var run = RunOneCycle(districtJson, district.Start ?? DateTimeOffset.UnixEpoch, stderr).GetAwaiter().GetResult();
        if (run is not var (report, results)) return SemsCli.InvalidInput;
        var referenceRun = reference ? ReferenceRun.Solve(district, report.Subsystems.Sum(s => s.Objective)) : null;
        if (json) stdout.WriteLine(CoordinationJson.Serialize(report, district.Name, results, referenceRun));
        else CoordinationTable.Write(stdout, district, report, referenceRun);
        var allPlans = report.Subsystems.All(s => s.HasPlan);
        // Every node's limits, the root's included, import and export.
        var limitsHold = report.ViolationAfterKwh.Values.All(v => v <= 0)
            && report.Nodes.Values.All(n => n.Values.All(r => r.ViolationAfterKwh <= 0 && r.ExportViolationAfterKwh <= 0));
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

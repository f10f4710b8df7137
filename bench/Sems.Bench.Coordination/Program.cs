using System.Diagnostics;
using System.Globalization;
using Sems.Bench.Coordination;
using Sems.Contracts;
using Sems.Silo.Hosting;

// Usage: Sems.Bench.Coordination [subsystems=1000] [cycles=3] [seed=1] [limit fraction of the summed peaks=0.8] [--local]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var cycles = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;

var fraction = args.Length > 3 && !args[3].StartsWith("--", StringComparison.Ordinal) ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0.8;
var json = GeneratedDistrict.Create(count, seed, fraction);
if (args.Contains("--local"))
{
    // The same cycle without actors: the engine's reference coordinator in one thread pool.
    var district = Sems.Engine.Districts.DistrictReader.Read(json).GetDistrictOrThrow();
    var local = Stopwatch.StartNew();
    var outcome = await Sems.Engine.Coordination.LocalCoordinator.RunAsync(district);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"local (no actors): {local.Elapsed.TotalSeconds:0.00} s, {outcome.Report.Resolves} re-solves"));
    foreach (var kind in new[] { "heat", "ev" })
    {
        double Mean(IEnumerable<Sems.Engine.Mpc.SubsystemResult> results) => results.Where(r => r.Id.StartsWith(kind, StringComparison.Ordinal)).Average(r => (r.BuildTime + r.SolveTime).TotalMilliseconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: mean build+solve {Mean(outcome.Initial):0.0} ms before, {Mean(outcome.Final):0.0} ms after tightening"));
    }
    return;
}

await using var silo = await EmbeddedSilo.StartAsync(Microsoft.Extensions.Logging.LogLevel.Error);
var coordinator = silo.Grains.GetGrain<IDistrictCoordinatorGrain>("bench");
var configure = Stopwatch.StartNew();
var problems = await coordinator.Configure(json, new DateTimeOffset(2022, 11, 1, 0, 0, 0, TimeSpan.Zero));
if (problems.Length > 0) throw new InvalidOperationException(string.Join("\n", problems));
Console.WriteLine($"limit {fraction:P0} of the summed peaks; configured {count} subsystems ({count / 2} heat networks, {count - count / 2} EV/PV hubs) and their assets in {configure.Elapsed.TotalSeconds:0.00} s; {Environment.ProcessorCount} cores");

var walls = new List<double>();
for (var cycle = 0; cycle < cycles; cycle++)
{
    var clock = Stopwatch.StartNew();
    var report = await coordinator.RunCycle();
    var wall = clock.Elapsed.TotalSeconds;
    walls.Add(wall);
    var solves = count + report.Resolves;
    var violation = report.ViolationBeforeKwh.Values.Sum();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cycle {report.Cycle}: {wall:0.00} s wall, {solves} solves ({solves / wall:0} solves/s), {report.Resolves} re-solves in {report.Rounds} rounds, violation {violation:0.0} → {report.ViolationAfterKwh.Values.Sum():0.0} kWh, {report.SetpointsCommitted} set-points; plans {report.PlanningMs / 1000:0.00} s, Algorithm 1 {report.CoordinationMs / 1000:0.00} s, commit {report.CommitMs / 1000:0.00} s"));
}

GC.Collect();
walls.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median cycle {walls[walls.Count / 2]:0.00} s; managed heap after GC {GC.GetTotalMemory(true) / 1048576.0:0} MiB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB"));

using System.Diagnostics;
using System.Globalization;
using Sems.Bench.Coordination;
using Sems.Contracts;
using Sems.Grains;
using Sems.Persistence.Schema;
using Sems.Silo.Simulation;

// Usage: Sems.Bench.Coordination [subsystems=1000] [cycles=3] [seed=1] [limit fraction of the summed peaks=0.8] [--local] [--connection CONN] [--silos N]
//          [--city [--feeders F] [--feeder-limit X] [--root-limit X]] [--mode priority|economic] [--write FILE]
//        Sems.Bench.Coordination --history-rate CONN [records=100000]
//        Sems.Bench.Coordination --export-lp DIR [models=50] [seed=1] [repeats=3]
//        Sems.Bench.Coordination --scaling SIZES [--modes M,…] [--root-limit X,…] [city and hosting options]: see ScalingArguments.Usage
//        Sems.Bench.Coordination --plot CSV PNG [ROOT-LIMIT]: cycle wall time against subsystems, from the scaling CSV
//        Sems.Bench.Coordination --table CSV…: the Markdown table of scaling CSVs
if (args is ["--export-lp", var exportDirectory, ..])
{
    var values = new[] { ("models", 50, 1), ("seed", 1, int.MinValue), ("repeats", 3, 1) };
    var parsed = new int[values.Length];
    for (var k = 0; k < values.Length; k++)
    {
        var (name, fallback, min) = values[k];
        if (args.Length <= k + 2)
        {
            parsed[k] = fallback;
            continue;
        }

        if (!int.TryParse(args[k + 2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed[k]) || parsed[k] < min)
        {
            Console.Error.WriteLine($"Sems.Bench.Coordination: {name}: \"{args[k + 2]}\" is not a whole number ≥ {min}");
            return 2;
        }
    }

    if (args.Length > 5)
    {
        Console.Error.WriteLine($"Sems.Bench.Coordination: --export-lp takes DIR and at most three numbers, not \"{args[5]}\"");
        return 2;
    }

    return PeerExport.Run(exportDirectory, parsed[0], parsed[1], parsed[2]);
}

if (args is ["--scaling-point", ..]) return await ScalingRun.RunPointAsync(args);
if (args is ["--scaling", ..])
{
    if (ScalingArguments.Parse(args, out var scalingProblem) is not { } scaling)
    {
        Console.Error.WriteLine($"Sems.Bench.Coordination: {scalingProblem}");
        Console.Error.WriteLine(ScalingArguments.Usage);
        return 2;
    }

    return await ScalingRun.RunAsync(scaling);
}

if (args is ["--table", _, ..])
{
    var missing = args.Skip(1).FirstOrDefault(f => !File.Exists(f));
    if (missing is not null)
    {
        Console.Error.WriteLine($"Sems.Bench.Coordination: --table: \"{missing}\" does not exist");
        return 2;
    }

    Console.WriteLine(ScalingRun.Table(args.Skip(1).SelectMany(f => File.ReadLines(f).Skip(1)).Where(l => l.Length > 0).Select(ScalingPoint.FromCsv)));
    return 0;
}

if (args is ["--plot", var plotCsv, var plotPng, ..]) return ScalingPlot.Run(plotCsv, plotPng, args.Length > 3 ? args[3] : null);

if (args is ["--history-rate", var rateConnection, ..])
{
    var records = args.Length > 2 && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000_000 ? n : args.Length > 2 ? -1 : 100_000;
    if (records < 0)
    {
        Console.Error.WriteLine($"Sems.Bench.Coordination: records: \"{args[2]}\" is not a whole number in [1, 10000000]");
        return 2;
    }

    return await HistoryWriteRate.RunAsync(rateConnection, records);
}

if (BenchArguments.Parse(args, out var problem) is not { } options)
{
    Console.Error.WriteLine($"Sems.Bench.Coordination: {problem}");
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

var (count, cycles, seed, fraction) = (options.Subsystems, options.Cycles, options.Seed, options.LimitFraction);
var generate = Stopwatch.StartNew();
var json = options.City ? GeneratedDistrict.CreateCity(options.CityOptions) : GeneratedDistrict.Create(count, seed, fraction, options.Mode);
var generateSeconds = generate.Elapsed.TotalSeconds;
if (options.Write is { } path) return DistrictFileCheck.Run(json, path, generateSeconds);
if (options.Local)
{
    // The same cycle without actors: the engine's reference coordinator in one thread pool.
    var district = Sems.Engine.Districts.DistrictReader.Read(json).GetDistrictOrThrow();
    var local = Stopwatch.StartNew();
    var outcome = await Sems.Engine.Coordination.LocalCoordinator.RunAsync(district);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"local (no actors): {local.Elapsed.TotalSeconds:0.00} s, {outcome.Report.Resolves} re-solves"));
    foreach (var kind in options.City ? GeneratedDistrict.CityKinds : ["heat", "ev"])
    {
        double Mean(IEnumerable<Sems.Engine.Mpc.SubsystemResult> results) => results.Where(r => r.Id.StartsWith(kind, StringComparison.Ordinal)).Average(r => (r.BuildTime + r.SolveTime).TotalMilliseconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: mean build+solve {Mean(outcome.Initial):0.0} ms before, {Mean(outcome.Final):0.0} ms after tightening"));
    }

    return 0;
}

var connection = options.Connection;
var runId = Guid.NewGuid().ToString("N")[..8];
// On PostgreSQL grain state and history outlive the process, so every run gets its own district key and cluster.
var key = connection is null ? "bench" : $"bench-{runId}";
var configuration = connection is null ? "in memory, 1 silo" : $"PostgreSQL, {options.Silos} silo{(options.Silos == 1 ? "" : "s")}";
if (connection is not null) Console.WriteLine((await new SchemaMigrator().MigrateAsync(connection, CancellationToken.None)).Summary);

// The grains' clock moves one step per cycle, so every cycle is a new one (its own set-points, no missed cycles).
var origin = new DateTimeOffset(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);
var simulated = new SimulatedClock(origin);
var start = Stopwatch.StartNew();
await using var silo = await BenchCluster.StartAsync(connection, options.Silos, $"sems-bench-{runId}", simulated, Microsoft.Extensions.Logging.LogLevel.Error, CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{configuration}: started in {start.Elapsed.TotalSeconds:0.00} s; district key \"{key}\"; {Environment.ProcessorCount} cores"));
var coordinator = silo.Grains.GetGrain<IDistrictCoordinatorGrain>(key);
var configure = Stopwatch.StartNew();
var problems = await coordinator.Configure(json, origin);
if (problems.Length > 0) throw new InvalidOperationException(string.Join("\n", problems));
Console.WriteLine(options.City
    ? $"limits: feeders {options.FeederLimit:P0}, substation {options.RootLimit:P0} of the summed peaks; configured {count} subsystems ({(count + 2) / 3} heat networks, {(count + 1) / 3} buildings, {count / 3} EV/PV hubs on {options.Feeders} feeders) and their assets in {configure.Elapsed.TotalSeconds:0.00} s"
    : $"limit {fraction:P0} of the summed peaks; configured {count} subsystems ({count / 2} heat networks, {count - count / 2} EV/PV hubs) and their assets in {configure.Elapsed.TotalSeconds:0.00} s");

var reports = new List<(double Wall, CoordinationCycleReport Report)>();
var run = Stopwatch.StartNew();
for (var cycle = 0; cycle < cycles; cycle++)
{
    if (cycle > 0) simulated.Set(origin.AddMinutes(cycle * reports[0].Report.StepMinutes));
    var clock = Stopwatch.StartNew();
    CoordinationCycleReport report;
    try
    {
        report = await coordinator.RunCycle();
    }
    catch (Exception e)
    {
        // A run whose store went away (PostgreSQL restarted under it) gives no medians: say so and stop.
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        Console.Error.WriteLine($"Sems.Bench.Coordination: cycle {cycle} failed after {clock.Elapsed.TotalSeconds:0.00} s: {inner.GetType().Name}: {inner.Message}");
        return 1;
    }

    var wall = clock.Elapsed.TotalSeconds;
    reports.Add((wall, report));
    var solves = count + report.Resolves;
    var violation = report.ViolationBeforeKwh.Values.Sum();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cycle {report.Cycle}: {wall:0.00} s wall, {solves} solves ({solves / wall:0} solves/s), {report.Resolves} re-solves in {report.Rounds} rounds, violation {violation:0.0} → {report.ViolationAfterKwh.Values.Sum():0.0} kWh, {report.SetpointsCommitted} set-points; plans {report.PlanningMs / 1000:0.00} s, Algorithm 1 {report.CoordinationMs / 1000:0.00} s, commit {report.CommitMs / 1000:0.00} s"));
}

var cyclesDone = run.Elapsed.TotalSeconds;
var drained = await silo.WaitForHistoryAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
var historyDone = run.Elapsed.TotalSeconds;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

var warm = reports.Skip(1).ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{configuration}, {count} subsystems] cold cycle {reports[0].Wall:0.00} s (plans {reports[0].Report.PlanningMs / 1000:0.00} s, Algorithm 1 {reports[0].Report.CoordinationMs / 1000:0.00} s, commit {reports[0].Report.CommitMs / 1000:0.00} s)"));
if (warm.Count > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{configuration}, {count} subsystems] warm median of {warm.Count} cycles {Median(warm.Select(w => w.Wall)):0.000} s; medians: plans {Median(warm.Select(w => w.Report.PlanningMs)) / 1000:0.000} s, Algorithm 1 {Median(warm.Select(w => w.Report.CoordinationMs)) / 1000:0.000} s, commit {Median(warm.Select(w => w.Report.CommitMs)) / 1000:0.000} s; re-solves {string.Join(", ", warm.Select(w => w.Report.Resolves))}"));
}

var counters = silo.HistoryCounters();
Console.WriteLine($"history store counters (summed over the silos): {counters}{(drained ? "" : " — not drained after 2 min")}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cycles took {cyclesDone:0.00} s; history drained {historyDone - cyclesDone:0.00} s after the last cycle"));
if (connection is not null)
{
    var rows = await HistoryRows.CountAsync(connection, key, CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"history rows of \"{key}\": {rows.Setpoints} set-points, {rows.Plans} plans, {rows.Reports} reports = {rows.Total} rows ({rows.Total / (double)cycles:0} per cycle) in {historyDone:0.00} s from the first cycle to the drained store = {rows.Total / historyDone:0} rows/s"));
}

GC.Collect();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median cycle (all {reports.Count}) {Median(reports.Select(r => r.Wall)):0.00} s; managed heap after GC {GC.GetTotalMemory(true) / 1048576.0:0} MiB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB"));
return 0;

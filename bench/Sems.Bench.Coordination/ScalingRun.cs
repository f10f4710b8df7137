using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Sems.Engine.Coordination;
using Sems.Engine.Coordination.Economic;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Grains;

namespace Sems.Bench.Coordination;

/// <summary>
/// Cycle time against the number of subsystems: for every size, root limit and mode, one coordination cycle of the
/// generated city (<see cref="GeneratedDistrict.CreateCity"/>) in a process of its own, one CSV row each
/// (<see cref="ScalingPoint"/>) and a table at the end.
/// </summary>
public static class ScalingRun
{
    private const string RowMarker = "scaling-row: ";

    /// <summary>The parent: runs every point as a child process, appends its row to the CSV, prints the table.</summary>
    public static async Task<int> RunAsync(ScalingArguments options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Csv));
        if (directory is not null) Directory.CreateDirectory(directory);
        if (!File.Exists(options.Csv) || new FileInfo(options.Csv).Length == 0) await File.WriteAllTextAsync(options.Csv, ScalingPoint.Header + "\n");
        var rows = new List<ScalingPoint>();
        foreach (var size in options.Sizes)
        {
            foreach (var root in options.RootLimits)
            {
                double? reference = null;
                foreach (var mode in options.Modes)
                {
                    var row = await RunChildAsync(options, size, mode, root, reference);
                    if (double.IsFinite(row.ReferenceObjective)) reference = row.ReferenceObjective;
                    rows.Add(row);
                    await File.AppendAllTextAsync(options.Csv, row.ToCsv() + "\n");
                    Console.WriteLine(Line(row));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(Table(rows));
        Console.WriteLine($"rows appended to {options.Csv}");
        return rows.All(r => r.Status == "ok") ? 0 : 1;
    }

    /// <summary>The table printed at the end (Markdown).</summary>
    public static string Table(IEnumerable<ScalingPoint> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lines = new List<string>
        {
            "| subsystems | mode | hosting | root limit | wall | solves | solves/s | rounds | re-solves (spec./wasted) | refused | gap to reference | DW gap | limits hold | CPU | managed heap | peak working set | per subsystem | load |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
        };
        foreach (var r in rows)
        {
            if (r.Status != "ok")
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"| {r.Subsystems:N0} | {r.Mode} | {HostingName(r)} | {r.RootLimit:P0} | {r.Status} | | | | | | | | | | | | | |"));
                continue;
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Subsystems:N0} | {r.Mode} | {HostingName(r)} | {r.RootLimit:P0} | {r.WallSeconds:0.0} s | {r.Solves:N0} | {r.SolvesPerSecond:0} | {r.Rounds:N0} | {r.Resolves:N0}{(r.Mode == "priority-parallel" ? $" ({r.Speculative:N0}/{r.Wasted:N0})" : "")} | {r.Refused:N0} | {Percent(r.GapToReference)} | {Percent(r.DwGap)} | {(r.LimitsHold ? "yes" : $"no ({r.ViolationAfterKwh:0.0} kWh)")} | {(double.IsFinite(r.CpuSeconds) ? $"{r.CpuSeconds:0.0} s" : "—")} | {r.ManagedMib:0} MiB | {r.PeakWorkingSetMib:0} MiB | {r.KibPerSubsystem:0} KiB | {r.LoadStart:0.0}–{r.LoadEnd:0.0} |"));
        }

        return string.Join("\n", lines);
    }

    private static string HostingName(ScalingPoint r) => r.Hosting switch
    {
        "local" => "engine",
        "silo" => "1 silo, in memory",
        _ => $"{r.Silos} silo{(r.Silos == 1 ? "" : "s")}, PostgreSQL",
    };

    private static string Percent(double x) => double.IsFinite(x) ? string.Create(CultureInfo.InvariantCulture, $"{100 * x:0.00} %") : "—";

    private static string Line(ScalingPoint r) => r.Status != "ok"
        ? string.Create(CultureInfo.InvariantCulture, $"{r.Subsystems} subsystems, {r.Mode}, root {r.RootLimit:P0}: {r.Status}")
        : string.Create(CultureInfo.InvariantCulture,
            $"{r.Subsystems} subsystems, {r.Mode}, {HostingName(r)}, root {r.RootLimit:P0}: {r.WallSeconds:0.00} s wall ({r.CpuSeconds:0.0} s CPU), {r.Solves} solves ({r.SolvesPerSecond:0}/s), {r.Rounds} rounds, {r.Resolves} re-solves ({r.Refused} refused), objective {r.Objective:0.00}, gap to reference {Percent(r.GapToReference)}, limits hold {r.LimitsHold}, violation {r.ViolationBeforeKwh:0.0} → {r.ViolationAfterKwh:0.0} kWh, peak working set {r.PeakWorkingSetMib:0} MiB");

    private static async Task<ScalingPoint> RunChildAsync(ScalingArguments options, int size, string mode, double root, double? reference)
    {
        var feeders = Math.Min(options.Feeders, size);
        var hosting = options.Connection is null ? options.Hosting : "postgres";
        var silos = options.Hosting == "local" ? 0 : options.Silos;
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the bench's own executable is not known");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        foreach (var a in new[] { "--scaling-point", size.ToString(CultureInfo.InvariantCulture), mode, root.ToString("R", CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        foreach (var a in (options with { Feeders = feeders }).PointOptions()) start.ArgumentList.Add(a);
        if (reference is { } r)
        {
            start.ArgumentList.Add("--reference-objective");
            start.ArgumentList.Add(r.ToString("R", CultureInfo.InvariantCulture));
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("the point's process did not start");
        ScalingPoint? row = null;
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith(RowMarker, StringComparison.Ordinal)) row = ScalingPoint.FromCsv(line[RowMarker.Length..]);
                else Console.WriteLine("  " + line);
            }
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(options.TimeoutMinutes));
        // The machine is shared: a point whose working set passes the cap is stopped rather than left to exhaust memory.
        var overMemory = 0.0;
        var watch = Task.Run(async () =>
        {
            while (!child.HasExited && !timeout.IsCancellationRequested)
            {
                try
                {
                    child.Refresh();
                    var gib = child.WorkingSet64 / 1073741824.0;
                    if (gib > options.MemoryMaxGib)
                    {
                        overMemory = gib;
                        await timeout.CancelAsync();
                        return;
                    }
                }
                catch (InvalidOperationException)
                {
                    return; // exited between the check and the read
                }

                await Task.Delay(500);
            }
        });
        try
        {
            await child.WaitForExitAsync(timeout.Token);
            await reading;
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            var why = overMemory > 0 ? $"stopped: working set {overMemory:0.0} GiB above the {options.MemoryMaxGib:0.#} GiB cap" : $"timeout after {options.TimeoutMinutes:0.#} min";
            return ScalingPoint.Unfinished(size, feeders, mode, hosting, silos, root, options.FeederLimit, string.Create(CultureInfo.InvariantCulture, $"{why}"));
        }
        finally
        {
            await watch;
        }

        return row ?? ScalingPoint.Unfinished(size, feeders, mode, hosting, silos, root, options.FeederLimit, $"failed: exit code {child.ExitCode}");
    }

    /// <summary>The child: <c>--scaling-point SIZE MODE ROOT</c> followed by <see cref="ScalingArguments.PointOptions"/>; prints one row.</summary>
    public static async Task<int> RunPointAsync(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 4
            || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1
            || !ScalingArguments.KnownModes.Contains(args[2])
            || !double.TryParse(args[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var root) || !(root > 0))
        {
            Console.Error.WriteLine("Sems.Bench.Coordination: --scaling-point needs SIZE ≥ 1, a mode and a root limit > 0");
            return 2;
        }

        var rest = new List<string> { "--scaling", args[1] };
        rest.AddRange(args.Skip(4));
        if (ScalingArguments.Parse(rest, out var problem) is not { } options)
        {
            Console.Error.WriteLine($"Sems.Bench.Coordination: {problem}");
            return 2;
        }

        var mode = args[2];
        var loadStart = LoadAverage();
        var generate = Stopwatch.StartNew();
        var json = GeneratedDistrict.CreateCity(new CityOptions(size, options.Seed, options.Feeders, options.FeederLimit, root, mode == "economic" ? "economic" : "priority"));
        var generateSeconds = generate.Elapsed.TotalSeconds;
        var point = options.Hosting == "local"
            ? await LocalAsync(json, size, mode, root, options, loadStart, generateSeconds)
            : await SiloAsync(json, size, mode, root, options, loadStart, generateSeconds);
        Console.WriteLine(RowMarker + point.ToCsv());
        return 0;
    }

    private static async Task<ScalingPoint> LocalAsync(string json, int size, string mode, double root, ScalingArguments options, double loadStart, double generateSeconds)
    {
        var read = Stopwatch.StartNew();
        var district = DistrictReader.Read(json).GetDistrictOrThrow();
        var readSeconds = read.Elapsed.TotalSeconds;
        json = "";
        var milp = district.Subsystems.Count(s => !LocalCoordinator.IsConvex(s));
        GC.Collect();
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<SubsystemResult> initial, final;
        int rounds, resolves, refused, speculative = 0, wasted = 0;
        long solves;
        bool hold;
        var dwGap = double.NaN;
        switch (mode)
        {
            case "economic":
                var economic = await EconomicLocal.RunAsync(district);
                (initial, final) = (economic.Initial, economic.Final);
                var report = economic.Report;
                rounds = report.Rounds;
                resolves = report.Participants.Count(p => p.AllocationKw.Count > 0);
                refused = report.Participants.Count(p => p.AllocationKw.Count > 0 && !p.Repaired);
                // Every participant is priced once per round, a MILP one only until it is fixed to a column.
                var fixAfter = Engine.Coordination.Economic.EconomicOptions.Default.FixIntegerAfterRounds;
                solves = size + report.Participants.Sum(p => (long)(p.FixedColumn ? Math.Min(rounds, fixAfter) : rounds)) + resolves;
                hold = report.LimitsHold;
                dwGap = report.Gap;
                break;
            default:
                var outcome = mode == "priority" ? await LocalCoordinator.RunAsync(district) : await LocalCoordinator.RunParallelAsync(district);
                (initial, final) = (outcome.Initial, outcome.Final);
                rounds = outcome.Report.Rounds;
                resolves = outcome.Report.Resolves;
                refused = outcome.Report.Participants.Count(p => p.Resolved && !p.Accepted);
                speculative = outcome.Report.SpeculativeResolves;
                wasted = outcome.Report.WastedResolves;
                // Priority: one solve per re-solve; parallel: every launched re-solve, used or not.
                solves = size + resolves + wasted;
                hold = outcome.Report.LimitsHold;
                break;
        }

        var wall = clock.Elapsed.TotalSeconds;
        cpu = CpuSeconds() - cpu;
        var loadEnd = LoadAverage();
        var (managed, peak) = Memory();
        var limits = LimitTree.Of(district.Grid);
        var before = Violation(district, limits, initial);
        var after = Violation(district, limits, final);
        var objective = final.Where(r => r.HasPlan).Sum(r => r.ModelObjective);
        var (reference, referenceSeconds) = Reference(district, options, size);
        return new ScalingPoint(size, options.Feeders, mode, "local", 0, root, options.FeederLimit, wall, double.NaN, double.NaN, solves, rounds, resolves, speculative, wasted, refused,
            objective, reference, dwGap, hold && after <= 0, before, after, managed, peak, generateSeconds, readSeconds, referenceSeconds, milp, loadStart, loadEnd, cpu,
            "ok");
    }

    private static async Task<ScalingPoint> SiloAsync(string json, int size, string mode, double root, ScalingArguments options, double loadStart, double generateSeconds)
    {
        var connection = options.Connection;
        var runId = Guid.NewGuid().ToString("N")[..8];
        if (connection is not null) Console.WriteLine((await new Sems.Persistence.Schema.SchemaMigrator().MigrateAsync(connection, CancellationToken.None)).Summary);
        var origin = new DateTimeOffset(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var simulated = new Sems.Silo.Simulation.SimulatedClock(origin);
        // Priority in the grains: the re-solves one at a time; priority-parallel: in batches (the grains' default on a grid).
        var settings = new Dictionary<string, string?>();
        if (mode == "priority") settings["Sems:ResolveBatchSize"] = "1";
        await using var cluster = await BenchCluster.StartAsync(connection, options.Silos, $"sems-scale-{runId}", simulated, Microsoft.Extensions.Logging.LogLevel.Error, CancellationToken.None, settings);
        var coordinator = cluster.Grains.GetGrain<Sems.Contracts.IDistrictCoordinatorGrain>(connection is null ? "scale" : $"scale-{runId}");
        var configure = Stopwatch.StartNew();
        var problems = await coordinator.Configure(json, origin);
        if (problems.Length > 0) throw new InvalidOperationException(string.Join("\n", problems));
        var configureSeconds = configure.Elapsed.TotalSeconds;
        var district = DistrictReader.Read(json).GetDistrictOrThrow();
        json = "";
        var milp = district.Subsystems.Count(s => !LocalCoordinator.IsConvex(s));
        GC.Collect();
        var cpu = CpuSeconds();
        var clock = Stopwatch.StartNew();
        var report = await coordinator.RunCycle();
        var wall = clock.Elapsed.TotalSeconds;
        cpu = CpuSeconds() - cpu;
        var loadEnd = LoadAverage();
        var (managed, peak) = Memory();
        // Every node's violation (the root's included), as the grains report it.
        var nodes = report.Nodes.Values.SelectMany(n => n.Values).ToList();
        var before = nodes.Count > 0 ? nodes.Sum(n => n.ViolationBeforeKwh) : report.ViolationBeforeKwh.Values.Sum();
        var after = nodes.Count > 0 ? nodes.Sum(n => n.ViolationAfterKwh) : report.ViolationAfterKwh.Values.Sum();
        var resolves = report.Resolves;
        var refused = report.Subsystems.Count(o => o.Resolved && !o.Accepted);
        var priceRounds = report.PriceRounds ?? 0;
        // First plans, re-solves, and in economic mode one priced solve per subsystem and round.
        var solves = size + resolves + (long)priceRounds * size;
        var objective = report.Subsystems.Where(o => o.HasPlan).Sum(o => o.Objective);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grains: mode {report.Mode}, {report.Rounds} rounds, {priceRounds} price rounds, {resolves} re-solves ({refused} refused), plans {report.PlanningMs / 1000:0.00} s, coordination {report.CoordinationMs / 1000:0.00} s, commit {report.CommitMs / 1000:0.00} s, {report.SetpointsCommitted} set-points, configured in {configureSeconds:0.0} s"));
        var (reference, referenceSeconds) = Reference(district, options, size);
        return new ScalingPoint(size, options.Feeders, mode, connection is null ? "silo" : "postgres", options.Silos, root, options.FeederLimit, wall,
            report.PlanningMs / 1000, report.CoordinationMs / 1000, solves, report.PriceRounds ?? report.Rounds, resolves, 0, 0, refused,
            objective, reference, report.EconomicGap ?? double.NaN, after <= 1e-6, before, after, managed, peak, generateSeconds, configureSeconds, referenceSeconds, milp, loadStart, loadEnd, cpu, "ok");
    }

    /// <summary>The reference's objective: given by an earlier point, solved here when the city is small enough, else NaN.</summary>
    private static (double Objective, double Seconds) Reference(District district, ScalingArguments options, int size)
    {
        if (options.ReferenceObjective is { } given) return (given, double.NaN);
        if (size > options.ReferenceMax) return (double.NaN, double.NaN);
        var clock = Stopwatch.StartNew();
        // One joint program of every subsystem: far larger than one subsystem's, so a longer limit than a subsystem solve's.
        var settings = MpcOptions.Default.Solver with { TimeLimit = TimeSpan.FromMinutes(15) };
        var reference = CentralisedPlanner.Reference(district, MpcOptions.Default with { Solver = settings });
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reference: {reference.Status.ToString().ToLowerInvariant()}, objective {reference.ObjectiveTotal:0.00}, limits hold {reference.LimitsHold}, joint solve {reference.SolveTime.TotalSeconds:0.0} s ({seconds:0.0} s with the build)"));
        return (reference.HasPlans ? reference.ObjectiveTotal : double.NaN, seconds);
    }

    /// <summary>Σ over the nodes and steps of max(0, draw − limit)·Δt, kWh, with 1 W of tolerance.</summary>
    private static double Violation(District district, LimitTree limits, IReadOnlyList<SubsystemResult> plans)
    {
        var draws = district.Subsystems.Select((s, k) => (s.Node, plans[k].HasPlan ? plans[k].DrawKw : LocalCoordinator.PeakKw(s))).ToList();
        return NodeLoads.Compute(limits, draws, district.HorizonSteps, district.StepHours, 1e-3).Sum(l => l.ViolationKwh);
    }

    private static double CpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    private static (double ManagedMib, double PeakMib) Memory()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        using var self = Process.GetCurrentProcess();
        return (managed, self.PeakWorkingSet64 / 1048576.0);
    }

    private static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Sems.Bench.Market;
using Sems.Engine.Market;

// The local energy market end to end in one process: for each size, a community drawn from the real profiles, every
// prosumer's MILP solved in process (LocalMarketRound), MarketCoordinator.RunAsync iterating to convergence.
const string usage = "usage: Sems.Bench.Market [--sizes 10,100,1000] [--runs 3] [--seed 1] [--steps 24|96] [--parallel N] [--data DIR] [--write DIR] [--file FILE]\n" +
    "       Sems.Bench.Market --export DIR [--models 50] [--repeats 5] [--sizes N] [--seed 1] [--steps 24|96] [--data DIR]\n" +
    "  --sizes     prosumer counts, comma-separated (each 1…100000)\n" +
    "  --runs      timed runs per size (≥ 1); the median wall time is reported\n" +
    "  --steps     24 hourly or 96 quarter-hourly market intervals of one day\n" +
    "  --parallel  prosumers solved at once (default: the core count)\n" +
    "  --data      the folder of the copied data slices (default: examples/data/market of this repository)\n" +
    "  --write     also write each generated community file into DIR\n" +
    "  --file      run this community file instead of generated ones (e.g. examples/market/bilbao-ped.json)\n" +
    "  --export    write the first --models prosumers' MILPs at the baseline prices (and their LP relaxations) as LP and MPS\n" +
    "              files into DIR for the peer solvers (scripts/bench-peers.sh --market), each solved --repeats times by\n" +
    "              ProsumerSolver.Solve and by SCIP alone; the community has the one size --sizes gives (default: --models)";
int[] sizes = [10, 100, 1000];
int runs = 3, seed = 1, steps = 24, parallel = Environment.ProcessorCount;
string? dataFolder = null, writeFolder = null, communityFile = null, exportFolder = null;
int models = 50, repeats = 5;
var sizesGiven = false;
for (var a = 0; a < args.Length; a++)
{
    string? Next() => a + 1 < args.Length ? args[++a] : null;
    int? Whole(string? text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null;
    switch (args[a])
    {
        case "--sizes" when Next() is { } list && list.Split(',').Select(s => Whole(s, 1, 100_000)).ToArray() is var parsed && parsed.All(s => s is not null):
            sizes = parsed.Select(s => s!.Value).ToArray();
            sizesGiven = true;
            break;
        case "--runs" when Whole(Next(), 1, 100) is { } r: runs = r; break;
        case "--seed" when Whole(Next(), 0, int.MaxValue) is { } s: seed = s; break;
        case "--steps" when Whole(Next(), 1, 96) is { } n && n is 24 or 96: steps = n; break;
        case "--parallel" when Whole(Next(), 1, 1024) is { } p: parallel = p; break;
        case "--data" when Next() is { } d: dataFolder = d; break;
        case "--write" when Next() is { } w: writeFolder = w; break;
        case "--file" when Next() is { } f: communityFile = f; break;
        case "--export" when Next() is { } e: exportFolder = e; break;
        case "--models" when Whole(Next(), 1, 100_000) is { } m: models = m; break;
        case "--repeats" when Whole(Next(), 1, 1000) is { } r: repeats = r; break;
        default:
            Console.Error.WriteLine($"Sems.Bench.Market: \"{args[a]}\" is not a valid argument here, or its value is missing or out of range");
            Console.Error.WriteLine(usage);
            return 2;
    }
}

var data = MarketData.Load(dataFolder ?? MarketData.RepositoryFolder());
var stepMinutes = 24 * 60 / steps;
if (exportFolder is not null)
{
    var size = sizesGiven ? sizes : [models];
    if (size.Length != 1 || size[0] < models)
    {
        Console.Error.WriteLine($"Sems.Bench.Market: --export takes one community size of at least --models ({models}), not --sizes {string.Join(',', size)}");
        return 2;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Sems.Bench.Market --export {exportFolder} --models {models} --repeats {repeats} --sizes {size[0]} --seed {seed} --steps {steps}; load average {LoadAverage()}"));
    return ProsumerPeerExport.Run(Checked(CommunityGenerator.Generate(data, size[0], seed, stepMinutes)), exportFolder, models, repeats);
}

Console.WriteLine(communityFile is null
    ? string.Create(CultureInfo.InvariantCulture, $"Sems.Bench.Market --sizes {string.Join(',', sizes)} --runs {runs} --seed {seed} --steps {steps} --parallel {parallel}")
    : string.Create(CultureInfo.InvariantCulture, $"Sems.Bench.Market --file {communityFile} --runs {runs} --parallel {parallel}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{Environment.ProcessorCount} cores, load average {LoadAverage()} (1, 5, 15 min); one process, prosumers solved {parallel} at a time; day-ahead, {steps} steps of {stepMinutes} min"));

// Not timed: JIT, the OR-Tools native libraries and the solvers' first models.
await Run(Checked(CommunityGenerator.Generate(data, 10, seed + 1_000_000, stepMinutes)), parallel);

Community? fromFile = null;
if (communityFile is not null)
{
    var read = CommunityReader.ReadFile(communityFile);
    if (!read.IsValid)
    {
        Console.Error.WriteLine($"Sems.Bench.Market: {communityFile} is not a valid community file:");
        foreach (var problem in read.Errors.Take(50)) Console.Error.WriteLine("  " + problem);
        return 2;
    }

    fromFile = read.Community!;
    sizes = [fromFile.Prosumers.Count];
}

var rows = new List<string>();
foreach (var size in sizes)
{
    var community = fromFile ?? Checked(CommunityGenerator.Generate(data, size, seed, stepMinutes));
    if (writeFolder is not null)
    {
        Directory.CreateDirectory(writeFolder);
        File.WriteAllText(Path.Combine(writeFolder, community.Name + ".json"), CommunityFile.Write(community));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{community.Name}: {community.Prosumers.Count(p => p.Kind == "dwelling")} dwellings, {community.Prosumers.Count(p => p.Kind == "tertiary")} buildings, " +
        $"{community.Prosumers.Count(p => p.Battery is not null)} batteries, {community.Prosumers.Sum(p => p.FlexibleLoads.Count)} flexible loads"));
    var results = new List<RunResult>();
    for (var r = 0; r < runs; r++)
    {
        var result = await Run(community, parallel);
        results.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  run {r + 1}: {result.Seconds:0.000} s wall, {result.CpuSeconds:0.000} s CPU, {result.Outcome.Iterations} iterations, converged {(result.Outcome.Converged ? "yes" : "no")}, " +
            $"solves {result.Counts.Relaxation} LP relaxation + {result.Counts.BranchAndBound} own branch and bound + {result.Counts.Milp} SCIP + {result.Counts.NoSchedule} none; " +
            $"cost change first below the threshold at iteration {CostRuleIteration(result.Outcome, community.Market.ThresholdCurrency)}; {result.Outcome.StopReason}"));
    }

    var seconds = results.Select(x => x.Seconds).Order().ToList();
    var median = Median(seconds);
    var cpuMedian = Median(results.Select(x => x.CpuSeconds).Order().ToList());
    var first = results[0];
    var same = results.All(x => x.Outcome.Iterations == first.Outcome.Iterations && x.Outcome.Converged == first.Outcome.Converged && x.Counts == first.Counts);
    var kpi = first.Outcome.Kpis.Community;
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {size:N0} | {community.Steps} | {first.Outcome.Iterations}{(same ? "" : " (varies)")} | {(first.Outcome.Converged ? "yes" : "no")} | " +
        $"{median:0.00} s ({seconds[0]:0.00}–{seconds[^1]:0.00}) | {cpuMedian:0.00} s | {first.Counts.Relaxation:N0} / {first.Counts.BranchAndBound:N0} / {first.Counts.Milp:N0} / {first.Counts.NoSchedule:N0} | " +
        $"{kpi.SavingsCents / 100.0:N2} GBP ({(kpi.BaselineBillCents == 0 ? 0 : 100.0 * kpi.SavingsCents / kpi.BaselineBillCents):0.0} %) | {kpi.PeerTradedKwh:N0} kWh |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average after: {LoadAverage()}"));
Console.WriteLine();
Console.WriteLine("| prosumers | steps | iterations | converged | wall time, median (min–max) of runs | CPU time, median | solves per run: LP relaxation / own branch and bound / SCIP / none | savings vs no market | traded peer to peer |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
foreach (var row in rows) Console.WriteLine(row);
return 0;

// The generated community written as a community file and read back: what is measured is a valid file's community.
static Community Checked(Community generated)
{
    var read = CommunityReader.Read(CommunityFile.Write(generated), generated.Name);
    return read.GetCommunityOrThrow();
}

// The first iteration whose community cost changed by less than the threshold (the cost rule alone), or "none".
static string CostRuleIteration(MarketOutcome outcome, double threshold) =>
    outcome.Trace.FirstOrDefault(i => i.CostChange is { } change && Math.Abs(change) < threshold) is { } first
        ? first.Iteration.ToString(CultureInfo.InvariantCulture)
        : "none";

static double Median(List<double> sorted) =>
    sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

static async Task<RunResult> Run(Community community, int parallel)
{
    ProsumerSolver.ResetCounts();
    var round = new LocalMarketRound(community.Prosumers, community.StepHours, parallel);
    using var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var outcome = await MarketCoordinator.RunAsync(community, round);
    clock.Stop();
    process.Refresh();
    return new RunResult(clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds, outcome, ProsumerSolver.Counts);
}

static string LoadAverage()
{
    try
    {
        return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
    catch (UnauthorizedAccessException)
    {
        return "unknown";
    }
}

/// <summary>One timed run: wall time, the process's CPU time (all threads), the outcome and the solve paths.</summary>
internal sealed record RunResult(double Seconds, double CpuSeconds, MarketOutcome Outcome, ProsumerSolveCounts Counts);

using System.Diagnostics;
using System.Globalization;
using Sems.Bench.Economic;
using Sems.Engine.Coordination;
using Sems.Engine.Coordination.Economic;
using Sems.Engine.Optimisation;

// Usage: bench [participants=10000] [feeders=100] [repeats=3] [seed=1] [--steps N] [--max-rounds N] [--limit F] [--groups N] [--reference] [--plain]
const string usage = "usage: bench [participants=10000] [feeders=100] [repeats=3] [seed=1] [--steps N=96] [--max-rounds N=10] [--limit F=0.8] [--groups N=200] [--reference] [--plain]\n" +
    "  --limit F      every feeder and the substation limited to F × the peak its subtree draws unconstrained\n" +
    "  --groups N     at most N convexity rows in the master (participants at a node aggregated in chunks; 0: one per participant)\n" +
    "  --reference    also solve the joint LP (GLOP) for the gap to the optimum\n" +
    "  --plain        without the repair every round, the master-dual pricing and the cap price estimates (the earlier scheme's price sources)";
var rest = args is ["bench", .. var tail] ? tail : args;
var positional = new List<int>();
int steps = 96, maxRounds = 10, groups = EconomicOptions.Default.MaxMasterGroups;
double limitFraction = 0.8;
bool reference = false, plain = false;
for (var a = 0; a < rest.Length; a++)
{
    string? Next() => a + 1 < rest.Length ? rest[++a] : null;
    switch (rest[a])
    {
        case "--steps" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 2880: steps = s; break;
        case "--max-rounds" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is > 0 and <= 100: maxRounds = m; break;
        case "--limit" when double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f is > 0 and <= 1: limitFraction = f; break;
        case "--groups" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var g): groups = g; break;
        case "--reference": reference = true; break;
        case "--plain": plain = true; break;
        case var text when !text.StartsWith("--", StringComparison.Ordinal) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 && positional.Count < 4:
            positional.Add(v);
            break;
        default:
            Console.Error.WriteLine($"bench: \"{rest[a]}\" is not a valid argument here (values: whole numbers > 0; --steps 1…2880, --max-rounds 1…100, --limit in (0, 1], --groups ≥ 0)");
            Console.Error.WriteLine(usage);
            return 2;
    }
}

var participants = positional.ElementAtOrDefault(0) is > 0 and var p0 ? p0 : 10_000;
var feeders = positional.ElementAtOrDefault(1) is > 0 and var p1 ? p1 : 100;
var repeats = positional.ElementAtOrDefault(2) is > 0 and var p2 ? p2 : 3;
var seed = positional.ElementAtOrDefault(3) is > 0 and var p3 ? p3 : 1;
var dt = 24.0 / steps;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"bench {participants} {feeders} {repeats} {seed} --steps {steps} --max-rounds {maxRounds} --limit {limitFraction} --groups {groups}{(reference ? " --reference" : "")}{(plain ? " --plain" : "")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{participants} participants on {feeders} feeders + substation, {steps} steps of {dt * 60:0.#} min, {Environment.ProcessorCount} cores; closed-form answers (not timed as the coordinator's)"));

var (loads, limits, nodes) = BenchDistrict.Create(participants, feeders, steps, dt, limitFraction, seed);
var options = new EconomicOptions { MaxRounds = maxRounds, MaxMasterGroups = groups };
if (plain) options = options with { RepairEachRound = false, PriceMasterDuals = false, PriceCapEstimates = false, Smoothing = 0.5 };

var runs = new List<(double TotalS, double AnswerS, double MasterS, int Rounds, double Gap, double Objective, bool Hold, bool Converged, long AllocatedBytes, int Columns)>();
for (var run = 0; run < repeats; run++)
{
    var economic = loads.Select((l, k) =>
    {
        var (draw, objective, _) = l.Price(null);
        return new EconomicParticipant($"p{k}", nodes[k], new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = draw }, objective) { IsOwnOptimum = true };
    }).ToList();
    var index = economic.Select((e, k) => (e.Id, k)).ToDictionary(x => x.Id, x => x.k, StringComparer.Ordinal);
    var answerTicks = 0L;
    GC.Collect();
    var allocated = GC.GetTotalAllocatedBytes(true);
    var clock = Stopwatch.StartNew();
    var report = await EconomicCoordinator.RunAsync(dt, steps, limits, economic,
        (requests, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var answers = new PricedPlan[requests.Count];
            Parallel.For(0, requests.Count, a =>
            {
                var load = loads[index[requests[a].Participant.Id]];
                var (draw, objective, priced) = load.Price(requests[a].PricePerKwh.GetValueOrDefault("electricity"));
                answers[a] = new PricedPlan(true, objective, priced, new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = draw });
            });
            Interlocked.Add(ref answerTicks, Stopwatch.GetTimestamp() - started);
            return ValueTask.FromResult<IReadOnlyList<PricedPlan>>(answers);
        },
        (requests, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var answers = new RepairedPlan[requests.Count];
            Parallel.For(0, requests.Count, a =>
            {
                var load = loads[index[requests[a].Participant.Id]];
                answers[a] = load.Cap(requests[a].MaxKw["electricity"]) is { } capped
                    ? new RepairedPlan(true, capped.Objective, new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = capped.DrawKw })
                    {
                        CapPricePerKwh = new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = capped.CapPricePerKwh },
                    }
                    : new RepairedPlan(false, double.NaN, new Dictionary<string, IReadOnlyList<double>>(), "its base load or energy does not fit the caps");
            });
            Interlocked.Add(ref answerTicks, Stopwatch.GetTimestamp() - started);
            return ValueTask.FromResult<IReadOnlyList<RepairedPlan>>(answers);
        },
        options);
    var total = clock.Elapsed.TotalSeconds;
    allocated = GC.GetTotalAllocatedBytes(true) - allocated;
    runs.Add((total, (double)answerTicks / Stopwatch.Frequency, report.MasterSolveTime.TotalSeconds, report.Rounds, report.Gap, report.ObjectiveTotal, report.LimitsHold,
        report.Converged, allocated, report.Trace.Count == 0 ? 0 : report.Trace[^1].Columns));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run + 1}: {report.Rounds} rounds, converged {report.Converged}, certified gap {report.Gap:P3}, limits hold {report.LimitsHold}, J {report.ObjectiveTotal:0.000}, " +
        $"wall {total:0.000} s (answers {runs[^1].AnswerS:0.000} s, master LP {runs[^1].MasterS:0.000} s)"));
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
}

var coordinator = Median(runs.Select(r => r.TotalS - r.AnswerS));
var master = Median(runs.Select(r => r.MasterS));
var rounds = runs[0].Rounds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median of {repeats}: {rounds} rounds; coordinator's own work {coordinator:0.000} s ({coordinator / Math.Max(1, rounds):0.000} s per round): master LP {master:0.000} s, bookkeeping {coordinator - master:0.000} s; " +
    $"answers {Median(runs.Select(r => r.AnswerS)):0.000} s; allocated {Median(runs.Select(r => (double)r.AllocatedBytes)) / 1e6:0} MB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB; " +
    $"columns {runs[0].Columns}; certified gap {runs[0].Gap:P3}"));

if (reference)
{
    var clock = Stopwatch.StartNew();
    var optimum = BenchDistrict.Reference(loads, nodes, limits, dt);
    Console.WriteLine(optimum is { } value
        ? string.Create(CultureInfo.InvariantCulture, $"reference (joint LP, GLOP, {clock.Elapsed.TotalSeconds:0.0} s): J {value:0.000}; economic {(runs[0].Objective - value) / Math.Abs(value):P3} above it")
        : "reference: the joint LP has no optimum");
}

return runs.All(r => r.Hold) ? 0 : 1;

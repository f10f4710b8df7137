using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Sems.Api.V1;

namespace Sems.Bench.Gateway;

/// <summary>
/// <c>watch</c>: WatchStatus with many subscribers while the server runs a cycle every few seconds (its clock scaled so
/// one step lasts <c>--cycle-seconds</c> of real time). Three phases of <c>--cycles</c> cycles each: no subscriber,
/// <c>--subscribers</c> subscribers plus one stalled subscriber that never reads, and no subscriber again; the cycle
/// wall time (GetStatus cycle_wall_ms, polled 5 times a second in every phase) is compared between them. Per cycle:
/// how many subscribers got it, its delivery latency and the gaps. The delivery latency of an event runs from its
/// first emission (the earliest sent_at any subscriber got for it: the gateway stamps it once the status for that
/// subscriber is built, a few ms after the cycle published the event) to its arrival at each subscriber (the bench
/// and the server share the machine's clock). The cycle's own timer is not aligned to the step's start (it keeps the
/// phase of its first tick), so cycle_start cannot date the event. Then, unless <c>--no-stall</c>, a second server
/// with 90 ms steps shows the stalled subscriber getting a GAP once the event log (1,000 events) has moved past it.
/// </summary>
public static class WatchBench
{
    private const int EventsKept = 1000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var repo = DistrictFiles.Repo(options.Text("--repo"));
        var subscribers = options.Whole("--subscribers", 500, 0, 10_000);
        var cycles = options.Whole("--cycles", 10, 1, 1000);
        var cycleSeconds = options.Number("--cycle-seconds", 3, 0.1, 900);
        var connections = options.Whole("--connections", 10, 1, 1000);
        var stall = !options.Flag("--no-stall");
        var stallSubscribers = options.Whole("--stall-subscribers", 20, 0, 1000);
        if (Math.Ceiling((subscribers + 1) / (double)connections) > 100)
            throw new BenchException($"--connections {connections}: {subscribers + 1} streams would put more than the server's 100 per connection");

        var fileOption = options.Text("--district");
        var repoFile = fileOption ?? (options.Text("--subsystems") is null ? DistrictFiles.Generate(repo, 20) : null);
        var stepMinutes = repoFile is null ? 15 : DistrictFiles.StepMinutes(repoFile);
        var scale = stepMinutes * 60 / cycleSeconds;
        var target = await Target.OpenAsync(options, repo, repoFile ?? "", scale, subsystemsDefault: 20);
        await using (var server = target.Server)
        {
            await MainPhases(server, target.District, subscribers, cycles, connections);
        }

        if (stall && options.Text("--connect") is null)
        {
            var small = Path.Combine(repo, "examples", "two-subsystems-limit.json");
            await using var fast = await SemsServer.StartAsync(repo, small, DistrictFiles.StepMinutes(small) * 60 / 0.09);
            await StallPhase(fast, DistrictFiles.NameOf(small), stallSubscribers);
        }

        return 0;
    }

    private static async Task MainPhases(SemsServer server, string district, int subscribers, int cycles, int connections)
    {
        var channels = Enumerable.Range(0, connections).Select(_ => server.Channel()).ToArray();
        try
        {
            var clients = channels.Select(c => new GridConstraints.GridConstraintsClient(c)).ToArray();
            var statusRequest = new GetStatusRequest { District = district };
            var first = await Target.WaitForFirstCycleAsync(clients[0], statusRequest, server);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"district \"{district}\": {first.Subsystems.Count} subsystems, a cycle every {first.Resolution.ToTimeSpan().TotalSeconds / server.TimeScale:0.0} s of real time (time scale {server.TimeScale:0.#}); status {first.CalculateSize():N0} bytes"));

            var (before, cpuBefore) = await Measured(() => CycleWalls(clients[0], statusRequest, server, cycles, CancellationToken.None), server);
            Console.WriteLine($"0 subscribers: cycle wall {Walls(before)}; server CPU {cpuBefore}");

            using var stop = new CancellationTokenSource();
            var request = new WatchStatusRequest { District = district };
            var followers = Enumerable.Range(0, subscribers).Select(_ => new Subscriber()).ToArray();
            var started = Stopwatch.StartNew();
            var follows = followers.Select((s, k) => s.FollowAsync(clients[k % clients.Length], request, server.Headers(), stop.Token)).ToArray();
            var stalled = new Subscriber();
            await stalled.StallAsync(clients[0], request, server.Headers());
            var snapshots = await Task.WhenAll(followers.Select(f => f.Snapshot));
            var from = snapshots.Length > 0 ? snapshots.Max() : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{subscribers} subscribers (+1 stalled, on connection 0 with {Math.Ceiling(subscribers / (double)connections):0} others) subscribed in {started.Elapsed.TotalSeconds:0.00} s over {connections} connections; snapshots up to sequence {from}"));
            var (during, cpuDuring) = await Measured(() => CycleWalls(clients[0], statusRequest, server, cycles, CancellationToken.None), server);
            await Task.Delay(TimeSpan.FromSeconds(1)); // the last cycle's event reaches every subscriber
            await stop.CancelAsync();
            var endings = await Task.WhenAll(follows);
            var failed = endings.Where(e => e is not null && e != StatusCode.OK).GroupBy(e => e!.Value).Select(g => $"{g.Key} {g.Count()}").ToArray();

            Console.WriteLine($"{subscribers} subscribers: cycle wall {Walls(during)}; server CPU {cpuDuring}");
            Console.WriteLine("  cycle | wall ms | got it | latency from first emission p50 / p99 / max ms | after first arrival p50 / p99 ms | own send→arrival p99 ms");
            var all = new List<double>();
            foreach (var (cycle, wallMs) in during.OrderBy(d => d.Key))
            {
                var arrivals = followers.SelectMany(f => f.Events.Where(e => e.Event.Kind == StatusEventKind.Cycle && e.Event.Sequence > from && e.Event.Status?.Cycle == cycle).Take(1)).ToArray();
                if (arrivals.Length == 0) continue;
                var emitted = arrivals.Min(a => a.Event.SentAt.ToDateTimeOffset());
                var fromEvent = arrivals.Select(a => (a.At - emitted).TotalMilliseconds).ToArray();
                var firstArrival = arrivals.Min(a => a.At);
                var spread = LatencySummary.Of(arrivals.Select(a => (a.At - firstArrival).TotalMilliseconds));
                var transport = LatencySummary.Of(arrivals.Select(a => (a.At - a.Event.SentAt.ToDateTimeOffset()).TotalMilliseconds));
                var latency = LatencySummary.Of(fromEvent);
                all.AddRange(fromEvent);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {cycle,5} | {wallMs,7:0.0} | {arrivals.Length,3}/{subscribers} | {latency.P50Ms,8:0.0} / {latency.P99Ms,6:0.0} / {latency.MaxMs,6:0.0} | {spread.P50Ms,8:0.0} / {spread.P99Ms,6:0.0} | {transport.P99Ms,6:0.0}"));
            }

            Console.WriteLine($"  every cycle, every subscriber: latency from first emission {LatencySummary.Of(all)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  gaps: {followers.Sum(f => f.Gaps)} ({followers.Aggregate(0UL, (n, f) => n + f.MissedEvents)} events lost) over {subscribers} subscribers; streams ended by the server: {(failed.Length == 0 ? "none" : string.Join(", ", failed))}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  stalled subscriber: {stalled.Events.Count} event(s) read (its snapshot), server sequence now {followers.Select(f => f.LastSequence).DefaultIfEmpty(0UL).Max()}"));

            var (after, cpuAfter) = await Measured(() => CycleWalls(clients[0], statusRequest, server, cycles, CancellationToken.None), server);
            Console.WriteLine($"0 subscribers again: cycle wall {Walls(after)}; server CPU {cpuAfter}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median cycle wall: {LatencySummary.Median(before.Values):0.0} ms with 0, {LatencySummary.Median(during.Values):0.0} ms with {subscribers} (+1 stalled), {LatencySummary.Median(after.Values):0.0} ms with 0 again"));
        }
        finally
        {
            foreach (var channel in channels) channel.Dispose();
        }
    }

    /// <summary>
    /// The stalled subscriber against a log that moves fast (one cycle every 90 ms): it stops reading after its snapshot
    /// while <paramref name="live"/> subscribers read on, until the log holds none of the events after what it could
    /// take in; then it reads again and must get a GAP, while the live ones got every event.
    /// </summary>
    private static async Task StallPhase(SemsServer server, string district, int live)
    {
        using var channel = server.Channel();
        var client = new GridConstraints.GridConstraintsClient(channel);
        var first = await Target.WaitForFirstCycleAsync(client, new GetStatusRequest { District = district }, server);
        var request = new WatchStatusRequest { District = district };
        var stalled = new Subscriber();
        await stalled.StallAsync(client, request, server.Headers());
        var startSequence = stalled.LastSequence;
        using var stop = new CancellationTokenSource();
        var followers = Enumerable.Range(0, live).Select(_ => new Subscriber()).ToArray();
        var follows = followers.Select(f => f.FollowAsync(client, request, server.Headers(), stop.Token)).ToArray();
        var watcher = new Subscriber();
        var watching = watcher.FollowAsync(client, request, server.Headers(), stop.Token);
        await watcher.Snapshot;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stall: district \"{district}\" with a cycle every 90 ms (time scale {server.TimeScale:0}); first status {first.CalculateSize():N0} bytes; the stalled subscriber read its snapshot at sequence {startSequence}, {live} live subscribers on the same connection"));
        // The stalled stream holds at most its HTTP/2 window of events; the log keeps 1,000: wait for 1,000 more plus that window's worth.
        var wanted = startSequence + EventsKept + 400;
        var clock = Stopwatch.StartNew();
        while (watcher.LastSequence < wanted && clock.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(500);
        var reached = watcher.LastSequence;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {reached - startSequence} events published in {clock.Elapsed.TotalSeconds:0.0} s while it did not read"));
        await stalled.DrainAsync(reached, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Task.WhenAll(follows.Append(watching));

        var events = stalled.Events;
        var gap = events.FirstOrDefault(e => e.Event.Kind == StatusEventKind.Gap)?.Event;
        var beforeGap = events.TakeWhile(e => e.Event.Kind != StatusEventKind.Gap).Count(e => e.Event.Kind == StatusEventKind.Cycle);
        Console.WriteLine(gap is null
            ? $"  stalled subscriber: NO GAP; it read {events.Count} events up to sequence {stalled.LastSequence}"
            : string.Create(CultureInfo.InvariantCulture,
                $"  stalled subscriber: {beforeGap} buffered cycle events, then GAP of sequences {gap.FirstMissedSequence}–{gap.LastMissedSequence} ({gap.LastMissedSequence - gap.FirstMissedSequence + 1} events), then {events.SkipWhile(e => e.Event.Kind != StatusEventKind.Gap).Count(e => e.Event.Kind == StatusEventKind.Cycle)} events up to sequence {stalled.LastSequence}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  live subscribers: gaps {followers.Sum(f => f.Gaps)}, events lost {followers.Aggregate(0UL, (n, f) => n + f.MissedEvents)}, last sequence min {followers.Select(f => f.LastSequence).DefaultIfEmpty(0UL).Min()} (published up to {reached})"));
        var walls = watcher.Events.Where(e => e.Event.Kind == StatusEventKind.Cycle && e.Event.Status is not null).Select(e => e.Event.Status.CycleWallMs).ToArray();
        if (walls.Length >= 200)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cycle wall median: first 100 cycles {LatencySummary.Median(walls.Take(100)):0.0} ms, last 100 (stalled stream full, blocked) {LatencySummary.Median(walls.TakeLast(100)):0.0} ms"));
        }
    }

    /// <summary>Polls GetStatus 5 times a second until <paramref name="count"/> new cycles were seen; their cycle_wall_ms.</summary>
    private static async Task<Dictionary<long, double>> CycleWalls(GridConstraints.GridConstraintsClient client, GetStatusRequest request, SemsServer server, int count, CancellationToken cancel)
    {
        var seen = new Dictionary<long, double>();
        var initial = (await client.GetStatusAsync(request, server.Headers(), cancellationToken: cancel)).Cycle;
        var waited = Stopwatch.StartNew();
        while (seen.Count < count)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(10)) throw new BenchException($"only {seen.Count} of {count} cycles in 10 min");
            await Task.Delay(200, cancel);
            var status = await client.GetStatusAsync(request, server.Headers(), cancellationToken: cancel);
            if (status.Cycle != initial) seen.TryAdd(status.Cycle, status.CycleWallMs);
        }

        return seen;
    }

    /// <summary>The result of <paramref name="phase"/> and the server's CPU over it, in words (seconds and cores).</summary>
    private static async Task<(T Result, string Cpu)> Measured<T>(Func<Task<T>> phase, SemsServer server)
    {
        var cpu = server.CpuTime();
        var wall = Stopwatch.StartNew();
        var result = await phase();
        var used = (server.CpuTime() - cpu).TotalSeconds;
        return (result, string.Create(CultureInfo.InvariantCulture, $"{used:0.0} s in {wall.Elapsed.TotalSeconds:0.0} s ({used / wall.Elapsed.TotalSeconds:0.00} cores)"));
    }

    private static string Walls(Dictionary<long, double> walls) => string.Create(CultureInfo.InvariantCulture,
        $"median {LatencySummary.Median(walls.Values):0.0} ms over cycles {walls.Keys.Min()}–{walls.Keys.Max()} ({string.Join(", ", walls.OrderBy(w => w.Key).Select(w => w.Value.ToString("0", CultureInfo.InvariantCulture)))})");
}

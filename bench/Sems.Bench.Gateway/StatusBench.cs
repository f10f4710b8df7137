using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Sems.Api.V1;

namespace Sems.Bench.Gateway;

/// <summary>
/// <c>status</c>: GetStatus under an open-loop load. Request i is due at t0 + i / rate whatever happened to the earlier
/// ones, and its latency runs from that due time to its response, so a stall shows in the latency of every request it
/// delays (no coordinated omission). Calls go round-robin over N HTTP/2 connections. Then the same RPC through h2load.
/// </summary>
public static class StatusBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var repo = DistrictFiles.Repo(options.Text("--repo"));
        var rate = options.Number("--rate", 1000, 1, 100_000);
        var seconds = options.Number("--seconds", 60, 1, 3600);
        var warmup = options.Number("--warmup", 20, 0, 600);
        var connections = options.Whole("--connections", 4, 1, 256);
        var useH2Load = !options.Flag("--no-h2load");
        var h2Clients = options.Whole("--h2load-clients", 4, 1, 256);
        var target = await Target.OpenAsync(options, repo, Path.Combine(repo, "examples", "two-subsystems-limit.json"), 1, subsystemsDefault: 0);
        await using var server = target.Server;
        var request = new GetStatusRequest { District = target.District };
        var channels = Enumerable.Range(0, connections).Select(_ => server.Channel()).ToArray();
        var clients = channels.Select(c => new GridConstraints.GridConstraintsClient(c)).ToArray();
        try
        {
            var first = await Target.WaitForFirstCycleAsync(clients[0], request, server);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"district \"{target.District}\": cycle {first.Cycle} done ({first.Subsystems.Count} subsystems, {first.PlannedImportKw.Count} steps); GetStatus response {first.CalculateSize():N0} bytes"));
            if (warmup > 0) await OpenLoop(clients, request, server, rate, warmup);
            var cpu = server.CpuTime();
            var run = await OpenLoop(clients, request, server, rate, seconds);
            var cpuSeconds = (server.CpuTime() - cpu).TotalSeconds;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench (Grpc.Net.Client, open loop {rate:0} req/s, {seconds:0} s, {connections} HTTP/2 connections, after {warmup:0} s warm-up):"));
            Console.WriteLine($"  latency from due time: {run.Latency}");
            Console.WriteLine($"  latency from send:     {run.ServiceTime}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  sent {run.Sent:N0} in {run.DispatchSeconds:0.000} s ({run.Sent / run.DispatchSeconds:0.0} req/s), completed {run.Completed:N0} ({run.Completed / run.WallSeconds:0.0} req/s over {run.WallSeconds:0.000} s), largest send lag {run.MaxSendLagMs:0.00} ms"));
            Console.WriteLine($"  control: the schedule thread's Thread.Sleep(1 ms) woke late by {run.SleepOvershoot}");
            Console.WriteLine($"  p99 per 10 s of schedule: {string.Join(", ", run.P99ByTenSeconds.Select(p => p.ToString("0.0", CultureInfo.InvariantCulture)))} ms");
            Console.WriteLine($"  errors: {(run.Errors.IsEmpty ? "none" : string.Join(", ", run.Errors.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}")))}");
            if (server.ProcessId is not null)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  server CPU: {cpuSeconds:0.0} s over the run ({cpuSeconds / run.WallSeconds:0.00} cores)"));

            if (useH2Load)
            {
                var h2 = await H2Load.RunAsync(server.Grpc, "/sems.v1.GridConstraints/GetStatus", request, rate, seconds, h2Clients, server.Headers());
                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"h2load ({h2Clients} clients × {rate / h2Clients:0.##} req/s, {seconds:0} s): {h2.Command}"));
                Console.WriteLine($"  latency (h2load, from its send): {h2.Latency}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  requests {h2.Requests:N0} ({h2.Requests / seconds:0.0} req/s), HTTP status other than 200: {h2.NotOk}"));
                Console.WriteLine($"  {h2.Summary}");
                // The same load on the server's gRPC health check (no grain call): what transport and machine alone cost.
                var health = await H2Load.RunAsync(server.Grpc, "/grpc.health.v1.Health/Check", new Google.Protobuf.WellKnownTypes.Empty(), rate, seconds, h2Clients, server.Headers());
                Console.WriteLine();
                Console.WriteLine("h2load on grpc.health.v1.Health/Check (control, same rate and duration):");
                Console.WriteLine($"  latency (h2load, from its send): {health.Latency}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  requests {health.Requests:N0} ({health.Requests / seconds:0.0} req/s), HTTP status other than 200: {health.NotOk}"));
            }
        }
        finally
        {
            foreach (var channel in channels) channel.Dispose();
        }

        return 0;
    }

    /// <summary>What an open-loop run measured.</summary>
    private sealed record Run(LatencySummary Latency, LatencySummary ServiceTime, int Sent, int Completed, double DispatchSeconds, double WallSeconds,
        double MaxSendLagMs, ConcurrentDictionary<StatusCode, int> Errors, IReadOnlyList<double> P99ByTenSeconds, LatencySummary SleepOvershoot);

    private static async Task<Run> OpenLoop(GridConstraints.GridConstraintsClient[] clients, GetStatusRequest request, SemsServer server, double rate, double seconds)
    {
        var total = (int)Math.Round(rate * seconds);
        var latency = new double[total];
        var service = new double[total];
        var ok = new bool[total];
        var errors = new ConcurrentDictionary<StatusCode, int>();
        var calls = new Task[total];
        var headers = server.Headers();
        var frequency = (double)Stopwatch.Frequency;
        var t0 = Stopwatch.GetTimestamp();
        var maxLag = 0L;
        var dispatched = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var overshoot = new List<double>(total);

        async Task Call(int i, long due)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                await clients[i % clients.Length].GetStatusAsync(request, headers, DateTime.UtcNow.AddSeconds(10));
                ok[i] = true;
            }
            catch (RpcException e)
            {
                errors.AddOrUpdate(e.StatusCode, 1, (_, n) => n + 1);
            }

            var end = Stopwatch.GetTimestamp();
            latency[i] = (end - due) * 1000 / frequency;
            service[i] = (end - sent) * 1000 / frequency;
        }

        // The schedule runs on a thread of its own, so a busy thread pool cannot postpone a due request unseen.
        var dispatcher = new Thread(() =>
        {
            for (var i = 0; i < total;)
            {
                var now = Stopwatch.GetTimestamp();
                while (i < total)
                {
                    var due = t0 + (long)(i * frequency / rate);
                    if (due > now) break;
                    maxLag = Math.Max(maxLag, now - due);
                    calls[i] = Call(i, due);
                    i++;
                }

                if (i >= total) continue;
                var asleep = Stopwatch.GetTimestamp();
                Thread.Sleep(1);
                // How late the machine woke this thread: a control for what scheduling alone adds to any latency here.
                overshoot.Add((Stopwatch.GetTimestamp() - asleep) * 1000 / frequency - 1);
            }

            dispatched.SetResult((Stopwatch.GetTimestamp() - t0) / frequency);
        }) { IsBackground = true, Name = "open-loop schedule", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        var dispatchSeconds = await dispatched.Task;
        await Task.WhenAll(calls);
        var wall = (Stopwatch.GetTimestamp() - t0) / frequency;
        var good = Enumerable.Range(0, total).Where(i => ok[i]).ToArray();
        var windows = good.GroupBy(i => (int)(i / rate / 10)).OrderBy(g => g.Key).Select(g => LatencySummary.Of(g.Select(i => latency[i])).P99Ms).ToArray();
        return new Run(LatencySummary.Of(good.Select(i => latency[i])), LatencySummary.Of(good.Select(i => service[i])), total, good.Length,
            dispatchSeconds, wall, maxLag * 1000 / frequency, errors, windows, LatencySummary.Of(overshoot));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sems.Api.V1;

namespace Sems.Bench.Gateway;

/// <summary>
/// <c>ingest</c>: Telemetry.Push of store SoC measurements (kWh) to every store of the district, in batches of
/// <c>--batch</c> over <c>--streams</c> parallel Push streams (each on its own HTTP/2 connection, with up to
/// <c>--window</c> batches awaiting their ack). Stores are split between the streams, so each store's measurements
/// come in order; a batch carries one fresh timestamp on the server's clock (time scale 1, origin = start, so the
/// SEMS clock is the real one). Reports measurements accepted per second from the acks (median of <c>--runs</c> runs
/// of <c>--seconds</c>), rejections by reason, and the server's CPU.
/// </summary>
public static class IngestBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var repo = DistrictFiles.Repo(options.Text("--repo"));
        var streams = options.Whole("--streams", 4, 1, 64);
        var batchSize = options.Whole("--batch", 1000, 1, 10_000);
        var window = options.Whole("--window", 2, 1, 64);
        var runs = options.Whole("--runs", 5, 1, 100);
        var seconds = options.Number("--seconds", 10, 1, 600);
        var warmup = options.Number("--warmup", 10, 0, 600);
        var environment = options.Flag("--perf-map") ? new Dictionary<string, string> { ["DOTNET_PerfMapEnabled"] = "1", ["DOTNET_EnableWriteXorExecute"] = "0" } : null;
        var target = await Target.OpenAsync(options, repo, "", 1, subsystemsDefault: 100, environment);
        await using var server = target.Server;
        var stores = DistrictFiles.Stores(target.File);
        if (stores.Count == 0) throw new BenchException($"district \"{target.District}\" has no store to send SoC measurements to");
        if (stores.Count < streams) throw new BenchException($"--streams {streams}: the district has only {stores.Count} stores, and each stream needs its own");
        using var control = server.Channel();
        var status = await Target.WaitForFirstCycleAsync(new GridConstraints.GridConstraintsClient(control), new GetStatusRequest { District = target.District }, server);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"district \"{target.District}\": {stores.Count} stores, cycle {status.Cycle} done in {status.CycleWallMs:0} ms; server pid {server.ProcessId}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{streams} Push streams × batches of {batchSize:N0} measurements, window {window}, {warmup:0} s warm-up, {runs} runs of {seconds:0} s"));

        var channels = Enumerable.Range(0, streams).Select(_ => server.Channel()).ToArray();
        var rates = new List<double>();
        try
        {
            if (warmup > 0)
            {
                var warm = await OneRun(channels, server, target.District, stores, batchSize, window, warmup);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {warm.Accepted:N0} accepted in {warm.Seconds:0.00} s (not counted)"));
            }

            for (var run = 1; run <= runs; run++)
            {
                var cpu = server.CpuTime();
                var own = Process.GetCurrentProcess().TotalProcessorTime;
                var result = await OneRun(channels, server, target.District, stores, batchSize, window, seconds);
                var cores = (server.CpuTime() - cpu).TotalSeconds / result.Seconds;
                var clientMicroseconds = (Process.GetCurrentProcess().TotalProcessorTime - own).TotalSeconds * 1e6 / result.Accepted;
                rates.Add(result.Accepted / result.Seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: {result.Accepted:N0} accepted in {result.Seconds:0.00} s = {result.Accepted / result.Seconds:N0} measurements/s; batches {result.Batches:N0}, ack latency p50 {result.AckLatency.P50Ms:0.0} ms p99 {result.AckLatency.P99Ms:0.0} ms; rejected {result.Rejected.Values.Sum():N0}{Reasons(result.Rejected)}; server CPU {cores:0.00} cores ({(server.ProcessId is null ? double.NaN : cores * 1e6 / (result.Accepted / result.Seconds)):0.0} µs per measurement), bench CPU {clientMicroseconds:0.0} µs per measurement"));
            }
        }
        finally
        {
            foreach (var channel in channels) channel.Dispose();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {runs} runs: {LatencySummary.Median(rates):N0} measurements/s accepted (runs: {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))})"));
        return 0;
    }

    private sealed record RunResult(long Accepted, ConcurrentDictionary<string, long> Rejected, long Batches, double Seconds, LatencySummary AckLatency);

    private static async Task<RunResult> OneRun(Grpc.Net.Client.GrpcChannel[] channels, SemsServer server, string district,
        IReadOnlyList<(string Subsystem, string Store, double SocMinKwh, double SocMaxKwh)> stores, int batchSize, int window, double seconds)
    {
        var rejected = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var ackLatencies = new ConcurrentBag<double>();
        long accepted = 0, batches = 0;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(seconds * Stopwatch.Frequency);
        long lastAck = started;

        async Task Stream(int s)
        {
            var mine = stores.Where((_, k) => k % channels.Length == s).ToArray();
            var client = new Sems.Api.V1.Telemetry.TelemetryClient(channels[s]);
            using var call = client.Push(server.Headers());
            // One batch object per stream: every measurement shares the batch's timestamp, set just before each write.
            var at = new Timestamp();
            var batch = new MeasurementBatch();
            for (var k = 0; k < batchSize; k++)
            {
                var store = mine[k % mine.Length];
                var socKwh = store.SocMinKwh + (store.SocMaxKwh - store.SocMinKwh) * ((k * 37 % 100) + 0.5) / 100;
                batch.Measurements.Add(new Measurement
                {
                    District = district, Subsystem = store.Subsystem, Asset = store.Store, Quantity = "soc", Unit = "kWh", Values = { socKwh }, MeasuredAt = at,
                });
            }

            using var slots = new SemaphoreSlim(window);
            var sentAt = new ConcurrentDictionary<ulong, long>();
            var reader = Task.Run(async () =>
            {
                await foreach (var ack in call.ResponseStream.ReadAllAsync())
                {
                    var now = Stopwatch.GetTimestamp();
                    if (sentAt.TryRemove(ack.BatchId, out var sent)) ackLatencies.Add((now - sent) * 1000.0 / Stopwatch.Frequency);
                    Interlocked.Add(ref accepted, ack.Accepted);
                    Interlocked.Increment(ref batches);
                    foreach (var r in ack.Rejections) rejected.AddOrUpdate(r.Reason, 1, (_, n) => n + 1);
                    InterlockedMax(ref lastAck, now);
                    slots.Release();
                }
            });
            ulong id = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await slots.WaitAsync();
                if (Stopwatch.GetTimestamp() >= deadline)
                {
                    slots.Release();
                    break;
                }

                var now = server.SemsNow();
                at.Seconds = now.ToUnixTimeSeconds();
                at.Nanos = (int)(now.Ticks % TimeSpan.TicksPerSecond * 100);
                batch.BatchId = ++id;
                sentAt[id] = Stopwatch.GetTimestamp();
                await call.RequestStream.WriteAsync(batch);
            }

            await call.RequestStream.CompleteAsync();
            await reader;
        }

        await Task.WhenAll(Enumerable.Range(0, channels.Length).Select(Stream));
        return new RunResult(accepted, rejected, batches, (lastAck - started) / (double)Stopwatch.Frequency, LatencySummary.Of(ackLatencies));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Interlocked.Read(ref target); value > seen; seen = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
        }
    }

    private static string Reasons(ConcurrentDictionary<string, long> rejected) =>
        rejected.IsEmpty ? "" : " (" + string.Join(", ", rejected.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value:N0}")) + ")";
}

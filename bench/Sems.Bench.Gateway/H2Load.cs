using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;

namespace Sems.Bench.Gateway;

/// <summary>
/// The same unary RPC through nghttp2's h2load: the body is a gRPC frame (flag byte 0, 4-byte big-endian length, the
/// serialized request), posted with <c>content-type: application/grpc</c> and <c>te: trailers</c> at <c>--rps</c> per client.
/// Latency comes from its per-request log (microseconds until the end of the response). h2load sees HTTP status only:
/// a gRPC error arrives as HTTP 200 with a grpc-status trailer, so errors are counted by the bench's own run.
/// </summary>
public static class H2Load
{
    /// <summary>What one h2load run measured.</summary>
    public sealed record Result(string Command, LatencySummary Latency, int Requests, int NotOk, string Summary);

    public static async Task<Result> RunAsync(Uri server, string path, IMessage request, double rate, double seconds, int clients, Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(headers);
        var exe = Find() ?? await Install();
        var body = Path.Combine(Path.GetTempPath(), $"sems-bench-{Environment.ProcessId}-request.bin");
        var log = Path.Combine(Path.GetTempPath(), $"sems-bench-{Environment.ProcessId}-h2load.tsv");
        var message = request.ToByteArray();
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)message.Length);
        message.CopyTo(frame, 5);
        await File.WriteAllBytesAsync(body, frame);
        File.Delete(log);
        var args = new List<string>
        {
            "-c", Text(clients), "-m", "32", "-t", "1",
            "--rps", (rate / clients).ToString("0.###", CultureInfo.InvariantCulture),
            "-D", Text((int)Math.Round(seconds)),
            "-H", "content-type: application/grpc", "-H", "te: trailers",
        };
        foreach (var header in headers) args.AddRange(["-H", $"{header.Key}: {header.Value}"]);
        args.AddRange(["-d", body, "--log-file", log, new Uri(server, path).ToString()]);
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new BenchException("h2load did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0 || !File.Exists(log)) throw new BenchException($"h2load failed (exit {process.ExitCode}): {output}");
        var lines = (await File.ReadAllLinesAsync(log)).Select(l => l.Split('\t')).Where(p => p.Length >= 3).ToArray();
        var latency = LatencySummary.Of(lines.Select(p => double.Parse(p[2], CultureInfo.InvariantCulture) / 1000));
        var notOk = lines.Count(p => p[1] != "200");
        var summary = string.Join(" | ", output.Split('\n').Where(l => l.StartsWith("requests:", StringComparison.Ordinal) || l.StartsWith("status codes:", StringComparison.Ordinal)
            || l.StartsWith("finished in", StringComparison.Ordinal) || l.StartsWith("time for request:", StringComparison.Ordinal)).Select(l => l.Trim()));
        var command = "h2load " + string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        return new Result(command, latency, lines.Length, notOk, summary);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "h2load")).FirstOrDefault(File.Exists);

    /// <summary>h2load from Debian's nghttp2-client when it is missing and the bench runs as root; otherwise an error saying so.</summary>
    private static async Task<string> Install()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
            throw new BenchException("h2load is not installed: install Debian's nghttp2-client, or run with --no-h2load");
        Console.Error.WriteLine("bench: h2load is missing; installing nghttp2-client");
        var info = new ProcessStartInfo("apt-get") { UseShellExecute = false };
        foreach (var arg in new[] { "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-qq", "nghttp2-client" }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new BenchException("apt-get did not start");
        await process.WaitForExitAsync();
        return Find() ?? throw new BenchException($"apt-get install nghttp2-client exited with {process.ExitCode} and h2load is still missing");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

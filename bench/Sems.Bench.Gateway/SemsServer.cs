using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;

namespace Sems.Bench.Gateway;

/// <summary>
/// The server under test: a <c>sems serve FILE --insecure-dev</c> process on free loopback ports, started and stopped
/// by the bench (its log goes to a file), or a running gateway given with <c>--connect URL --token T</c>.
/// When the bench starts it with a scaled clock, it passes <c>--start</c> and <c>--clock-origin</c> itself, so
/// SEMS time = <see cref="ClockStart"/> + (real time − <see cref="ClockOrigin"/>) × <see cref="TimeScale"/> exactly.
/// </summary>
public sealed class SemsServer : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string? _token;

    private SemsServer(Uri grpc, string? token, Process? process, string? logPath, DateTimeOffset clockStart, DateTimeOffset clockOrigin, double timeScale)
    {
        Grpc = grpc;
        _token = token;
        _process = process;
        LogPath = logPath;
        ClockStart = clockStart;
        ClockOrigin = clockOrigin;
        TimeScale = timeScale;
    }

    /// <summary>The gRPC (h2c) endpoint.</summary>
    public Uri Grpc { get; }

    /// <summary>The serve process's log (stdout and stderr), or null when connected to a running gateway.</summary>
    public string? LogPath { get; }

    public DateTimeOffset ClockStart { get; }

    public DateTimeOffset ClockOrigin { get; }

    public double TimeScale { get; }

    /// <summary>The process id of the server, or null when connected to a running one.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>CPU time (user + system) the server process has used so far; zero when not started by the bench.</summary>
    public TimeSpan CpuTime()
    {
        if (_process is null) return TimeSpan.Zero;
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The real instant at which the server's SEMS clock reads <paramref name="sems"/>.</summary>
    public DateTimeOffset RealTimeOf(DateTimeOffset sems) => ClockOrigin + TimeSpan.FromTicks((long)((sems - ClockStart).Ticks / TimeScale));

    /// <summary>The server's SEMS time now.</summary>
    public DateTimeOffset SemsNow() => ClockStart + TimeSpan.FromTicks((long)((DateTimeOffset.UtcNow - ClockOrigin).Ticks * TimeScale));

    /// <summary>Headers every call carries: the bearer token when connected with one.</summary>
    public Metadata Headers() => _token is null ? [] : new Metadata { { "authorization", $"Bearer {_token}" } };

    /// <summary>A channel of its own HTTP/2 connection (one TCP connection; at most the server's stream limit of calls at once).</summary>
    public GrpcChannel Channel() => GrpcChannel.ForAddress(Grpc, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        },
        MaxReceiveMessageSize = 64 * 1024 * 1024,
    });

    /// <summary>Connects to a running gateway.</summary>
    public static SemsServer Connect(string url, string? token) =>
        new(new Uri(url), token, null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1);

    /// <summary>
    /// Starts <c>sems serve</c> on <paramref name="districtFile"/> and waits (up to 3 min) until it says it is serving.
    /// <paramref name="timeScale"/> 1 with the clock origin = start gives a SEMS clock equal to the real one.
    /// </summary>
    public static async Task<SemsServer> StartAsync(string repo, string districtFile, double timeScale, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(repo, "src", "Silo", "bin", "Release", "net10.0", "sems.dll");
        if (!File.Exists(dll)) throw new BenchException($"{dll} does not exist: build it first with `dotnet build -c Release src/Silo`");
        var ports = FreePorts(4);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repo,
        };
        foreach (var arg in new[]
                 {
                     dll, "serve", districtFile, "--insecure-dev",
                     "--grpc-port", Text(ports[0]), "--http-port", Text(ports[1]), "--silo-port", Text(ports[2]), "--gateway-port", Text(ports[3]),
                     "--time-scale", timeScale.ToString("R", CultureInfo.InvariantCulture),
                     "--start", start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                     "--clock-origin", start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var logPath = Path.Combine(Path.GetTempPath(), $"sems-bench-serve-{Environment.ProcessId}-{ports[0]}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.WriteLine(e.Data);
            if (e.Data.Contains("sems: serving", StringComparison.Ordinal)) serving.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.WriteLine(e.Data);
        };
        process.Exited += (_, _) => serving.TrySetException(new BenchException($"sems serve exited with code {process.ExitCode} before serving; see {logPath}"));
        Console.Error.WriteLine($"bench: starting sems serve {Path.GetFileName(districtFile)} (time scale {timeScale.ToString("G6", CultureInfo.InvariantCulture)}, gRPC port {ports[0]}); log {logPath}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SemsServer(new Uri($"http://127.0.0.1:{ports[0]}"), null, process, logPath, start, start, timeScale);
        try
        {
            await serving.Task.WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops as after Ctrl-C; killed if it does not within 20 s.
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var listener in listeners) listener.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners) listener.Stop();
        return ports;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

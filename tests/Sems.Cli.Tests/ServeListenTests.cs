using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems serve</c> run as a real child process: every socket it listens on is loopback, on the ports asked for,
/// and the start-up log names exactly those sockets. The sockets are read from the kernel (/proc), not from the program.
/// </summary>
public sealed partial class ServeListenTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Serve_listens_on_loopback_only_and_logs_the_sockets_it_listens_on()
    {
        if (!OperatingSystem.IsLinux()) return;
        var siloPort = FreePort();
        var gatewayPort = FreePort(siloPort);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "sems.dll"), "serve", ExampleFile.PathOf(ExampleFile.HeatNetwork),
                     "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
                     "--insecure-dev", "--grpc-port", "0", "--http-port", "0" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("SEMS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var siloLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new List<string>();
        using var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.Add(e.Data);
            if (e.Data.Contains("Listening: silo endpoint", StringComparison.Ordinal)) siloLine.TrySetResult(e.Data);
            if (e.Data.Contains("sems.v1 API listening", StringComparison.Ordinal)) started.TrySetResult(e.Data);
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("sems serve exited before logging its endpoints"));
        process.EnableRaisingEvents = true;
        try
        {
            Assert.True(process.Start());
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            string line;
            try
            {
                line = await started.Task.WaitAsync(StartTimeout);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                lock (stderr) Assert.Fail($"sems serve did not log its endpoints: {e.Message}; stderr:\n{string.Join('\n', stderr)}");
                throw;
            }

            // The API's two endpoints (gRPC, HTTP/1.1) are logged as URLs after the Orleans endpoints.
            var api = ApiUrls().Matches(line).Select(m => IPEndPoint.Parse(m.Groups["endpoint"].Value)).ToList();
            Assert.Equal(2, api.Count);
            var logged = LoggedEndpoints().Match(await siloLine.Task);
            Assert.True(logged.Success, line);
            var loggedSilo = IPEndPoint.Parse(logged.Groups["silo"].Value);
            var loggedGateway = IPEndPoint.Parse(logged.Groups["gateway"].Value);

            var listening = ListeningSockets(process.Id);
            Assert.NotEmpty(listening);
            Assert.All(listening, endpoint => Assert.True(IPAddress.IsLoopback(endpoint.Address), $"listens on {endpoint}, not loopback"));
            Assert.Equal(
                new[] { loggedSilo, loggedGateway }.Concat(api).OrderBy(e => e.Port),
                listening.OrderBy(e => e.Port));
            Assert.Equal(siloPort, loggedSilo.Port);
            Assert.Equal(gatewayPort, loggedGateway.Port);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public void A_network_address_without_the_acknowledgement_is_refused_before_anything_listens()
    {
        var run = CliRun.Invoke("serve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--listen", "192.0.2.1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("192.0.2.1 is not a loopback address", run.Stderr);
        Assert.Contains("--allow-unauthenticated", run.Stderr);
    }

    [Theory]
    [InlineData("0.0.0.0", "every interface")]
    [InlineData("::", "every interface")]
    [InlineData("example.org", "is not an IP address")]
    public void Wildcard_and_non_address_listen_values_are_refused_even_when_acknowledged(string address, string reason)
    {
        var run = CliRun.Invoke("serve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--listen", address, "--allow-unauthenticated");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Stderr);
    }

    [Theory]
    [InlineData("--silo-port", "0")]
    [InlineData("--gateway-port", "65536")]
    [InlineData("--silo-port", "-5")]
    [InlineData("--gateway-port", "11111")]
    public void Ports_out_of_range_or_equal_are_refused(string option, string value)
    {
        var run = CliRun.Invoke("serve", ExampleFile.PathOf(ExampleFile.HeatNetwork), option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Sems:Listen", run.Stderr);
    }

    /// <summary>TCP sockets in state LISTEN whose inodes are among the file descriptors of process <paramref name="pid"/>.</summary>
    private static List<IPEndPoint> ListeningSockets(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && SocketInode().Match(target) is { Success: true } m) inodes.Add(m.Groups[1].Value);
            }
            catch (IOException)
            {
                // the descriptor closed while listing
            }
        }

        var sockets = new List<IPEndPoint>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var row in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cells.Length < 10 || cells[3] != "0A" || !inodes.Contains(cells[9])) continue;
                sockets.Add(ParseProcEndpoint(cells[1]));
            }
        }

        return sockets;
    }

    /// <summary>"0100007F:2B67" or a 32-digit IPv6 address: the kernel prints each 32-bit word of the address in host (little-endian) order.</summary>
    private static IPEndPoint ParseProcEndpoint(string text)
    {
        var (hex, portHex) = (text[..text.IndexOf(':', StringComparison.Ordinal)], text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPEndPoint(new IPAddress(bytes), int.Parse(portHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private static int FreePort(int other = 0)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port != other) return port;
        }
    }

    [GeneratedRegex(@"silo endpoint (?<silo>\S+), gateway endpoint (?<gateway>\S+)")]
    private static partial Regex LoggedEndpoints();

    [GeneratedRegex(@"^socket:\[(\d+)\]$")]
    private static partial Regex SocketInode();

    [GeneratedRegex(@"http://(?<endpoint>[0-9.]+:[0-9]+)")]
    private static partial Regex ApiUrls();
}

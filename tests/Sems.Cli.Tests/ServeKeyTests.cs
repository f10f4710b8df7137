using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems serve</c> runs a district's coordinator under the district file's <c>name</c>, also for a single file; the
/// setting Sems:DistrictId may give a single file another key, and a key that is not an id stops serve with exit 2.
/// Run as real child processes, so that the settings come from the environment as in operation.
/// </summary>
public sealed class ServeKeyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_single_file_is_served_under_its_districts_name()
    {
        var (exit, lines) = await ServeUntilLoaded(ExampleFile.PathOf(ExampleFile.HeatNetwork), districtId: null);

        Assert.Null(exit);
        var loaded = Assert.Single(lines, l => l.Contains("loaded as", StringComparison.Ordinal));
        Assert.StartsWith("sems: district \"greenwich-heat-network\" loaded as \"greenwich-heat-network\" (definition version 1)", loaded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setting_Sems_DistrictId_gives_a_single_file_another_key()
    {
        var (exit, lines) = await ServeUntilLoaded(ExampleFile.PathOf(ExampleFile.HeatNetwork), districtId: "north-7");

        Assert.Null(exit);
        var loaded = Assert.Single(lines, l => l.Contains("loaded as", StringComparison.Ordinal));
        Assert.StartsWith("sems: district \"greenwich-heat-network\" loaded as \"north-7\"", loaded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Sems_DistrictId_that_is_not_an_id_stops_serve_with_exit_2_naming_it()
    {
        var (exit, lines) = await ServeUntilLoaded(ExampleFile.PathOf(ExampleFile.HeatNetwork), districtId: "north district");

        Assert.Equal(2, exit);
        Assert.Contains(lines, l => l.Contains("the setting Sems:DistrictId \"north district\" is not an id", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("loaded as", StringComparison.Ordinal));
    }

    /// <summary>
    /// Starts <c>sems serve FILE</c> and stops it once it has said under which key it loaded the district; returns the
    /// exit code when it ended by itself (null when it was stopped) and every line it wrote on stdout and stderr.
    /// </summary>
    private static async Task<(int? Exit, IReadOnlyList<string> Lines)> ServeUntilLoaded(string file, string? districtId)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort(siloPort);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "sems.dll"), "serve", file,
                     "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
                     "--insecure-dev", "--grpc-port", "0", "--http-port", "0" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("SEMS_", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        if (districtId is not null) info.Environment["SEMS_Sems__DistrictId"] = districtId;

        var lines = new List<string>();
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (lines) lines.Add(line);
            if (line.Contains("loaded as", StringComparison.Ordinal)) loaded.TrySetResult();
        }

        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => loaded.TrySetResult();
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int? exit = null;
        try
        {
            await loaded.Task.WaitAsync(Timeout);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }

        // Kill ends it with a signal's code; an exit of its own is one of the CLI's codes (0–3).
        if (process.ExitCode is >= 0 and <= 3) exit = process.ExitCode;
        lock (lines) return (exit, lines.ToList());
    }

    private static int FreePort(int except = 0)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port != except) return port;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sems.Operation.Tests;

/// <summary>
/// A real <c>sems</c> process (the built sems.dll under <c>dotnet</c>), its stdout and stderr collected line by line.
/// Disposing kills it with its process tree, so no test leaves one running.
/// </summary>
public sealed class SemsProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SemsProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string Output => string.Join('\n', _lines);

    public static SemsProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    /// <summary>
    /// Starts sems with <paramref name="environment"/> (e.g. the signing key in SEMS_Sems__Auth__SigningKey); every other
    /// SEMS_ variable of the test's own environment is removed.
    /// </summary>
    public static SemsProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sems.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("SEMS_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var sems = new SemsProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) sems._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) sems._lines.Enqueue(e.Data); };
        process.Exited += (_, _) => sems._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sems;
    }

    /// <summary>Runs a command to its end (at most <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        using var sems = Start(arguments);
        await sems.WaitForExitAsync(timeout);
        return (sems.ExitCode, sems.Output);
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.Task.WaitAsync(timeout);
            await _process.WaitForExitAsync(); // drains the output streams
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"sems did not exit within {timeout}; output:\n{Tail()}");
        }
    }

    /// <summary>Waits until a line contains <paramref name="text"/>; fails with the output when the process exits or time runs out.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited && _process.WaitForExit(5_000)) throw new InvalidOperationException($"sems exited with {_process.ExitCode} before printing \"{text}\"; output:\n{Tail()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"sems printed no \"{text}\" within {timeout}; output:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as when a machine dies.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGINT, as Ctrl-C: the host stops gracefully.</summary>
    public async Task InterruptAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill!.WaitForExitAsync();
        await WaitForExitAsync(timeout);
    }

    public string Tail(int lines = 60) => string.Join('\n', _lines.ToArray().TakeLast(lines));

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Sems.Gateway.Tests.Twin;

/// <summary>
/// One run of the built <c>sems</c> executable (sems.dll under <c>dotnet</c>) with its own environment (the test's
/// SEMS_ variables are not inherited): stdout and stderr are kept apart, line by line. Disposing kills the process and
/// its children if it still runs, so a failing test leaves nothing behind.
/// </summary>
public sealed class SemsCommand : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SemsCommand(Process process) => _process = process;

    public string Stdout => string.Join('\n', _stdout);

    public string Stderr => string.Join('\n', _stderr);

    public IReadOnlyList<string> StderrLines => _stderr.ToArray();

    public bool HasExited => _process.HasExited;

    public static SemsCommand Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sems.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("SEMS_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var command = new SemsCommand(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) command._stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) command._stderr.Enqueue(e.Data); };
        process.Exited += (_, _) => command._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return command;
    }

    /// <summary>Runs a command to its end; kills it and fails with its output when it takes longer than <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        using var command = Start(environment, arguments);
        var exit = await command.WaitForExitAsync(timeout);
        return (exit, command.Stdout, command.Stderr);
    }

    /// <summary>The exit code; after <paramref name="timeout"/> the process is killed and a <see cref="TimeoutException"/> names its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException($"sems {string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))} did not exit within {timeout}; output:\n{Tail()}");
        }

        await _process.WaitForExitAsync(); // the output streams are drained
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout has a line containing <paramref name="text"/>; fails with the output when the process exits first or time runs out.</summary>
    public async Task WaitForStdoutAsync(string text, TimeSpan timeout)
    {
        // A guard against a hung process, not a measurement.
        var deadline = DateTime.UtcNow + timeout;
        while (!_stdout.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"sems exited with {_process.ExitCode} before printing \"{text}\"; output:\n{Tail()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"sems printed no \"{text}\" within {timeout}; output:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    public string Tail(int lines = 40) => $"stdout:\n{string.Join('\n', _stdout.TakeLast(lines))}\nstderr:\n{string.Join('\n', _stderr.TakeLast(lines))}";

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

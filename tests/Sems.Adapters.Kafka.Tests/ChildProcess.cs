using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>
/// A child process with its stdout and stderr collected line by line. Disposing kills it with its process tree, so no
/// test leaves one behind.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _all = new();
    private readonly string _name;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>The built sems (sems.dll beside the tests) under dotnet.</summary>
    public static ChildProcess Sems(string name, params string[] arguments) =>
        Start(name, "dotnet", AppContext.BaseDirectory, [Path.Combine(AppContext.BaseDirectory, "sems.dll"), .. arguments]);

    public static ChildProcess Start(string name, string fileName, string workingDirectory, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("SEMS_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            child._stdout.Enqueue(e.Data);
            child._all.Enqueue(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) child._all.Enqueue(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Its stdout alone.</summary>
    public string Stdout => string.Join('\n', _stdout);

    /// <summary>Its stdout and stderr, interleaved as they came.</summary>
    public string Output => string.Join('\n', _all);

    public bool Said(string text) => _all.Any(l => l.Contains(text, StringComparison.Ordinal));

    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Said(text))
        {
            if (_process.HasExited && _process.WaitForExit(5_000) && !Said(text))
                throw new InvalidOperationException($"{_name} exited with {_process.ExitCode} before printing \"{text}\"; output:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{_name} printed no \"{text}\" within {timeout}; output:\n{Output}");
            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_name} did not exit within {timeout}; output:\n{Output}");
        }

        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as when the machine dies: no chance to say goodbye.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // gone already
        }

        _process.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sems.Operation.Tests;

/// <summary>
/// A real <c>sems</c> process (the built sems.dll under <c>dotnet</c>) with environment settings of the test's choosing,
/// such as the signing key in SEMS_Sems__Auth__SigningKey; every other SEMS_ variable of the test's own environment is
/// removed. <see cref="SemsProcess"/> starts its processes with none. Its stdout and stderr are collected line by line;
/// disposing kills it with its process tree.
/// </summary>
public sealed class ConfiguredSemsProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ConfiguredSemsProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public static ConfiguredSemsProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
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
        var sems = new ConfiguredSemsProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) sems._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) sems._lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sems;
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

    public string Tail(int lines = 60) => string.Join('\n', _lines.ToArray().TakeLast(lines));

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }
}

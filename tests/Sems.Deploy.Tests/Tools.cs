using System.Diagnostics;

namespace Sems.Deploy.Tests;

/// <summary>The external programs the tests use (kubectl, yamllint, node, npm): finding them and running them.</summary>
internal static class Tools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The full path of <paramref name="name"/> on PATH, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    /// <summary>
    /// Whether <c>kubectl kustomize</c> is there and new enough for the overlay (kustomize v4+ knows <c>labels</c>
    /// and <c>patches</c>; Debian's kubernetes-client 1.20 carries kustomize v2 and does not).
    /// </summary>
    public static bool KustomizeAvailable => KubectlKustomize.Value;

    private static readonly Lazy<bool> KubectlKustomize = new(() =>
    {
        if (Find("kubectl") is null) return false;
        var version = Run("kubectl", ["version", "--client"], RepositoryPaths.Root);
        var marker = version.Stdout.IndexOf("Kustomize Version: v", StringComparison.Ordinal);
        return version.ExitCode == 0 && marker >= 0
            && int.TryParse(version.Stdout.AsSpan(marker + "Kustomize Version: v".Length, 1), out var major) && major >= 4;
    });

    /// <summary>Runs a program to its end (at most 5 minutes) and returns its exit code and output.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {Timeout.TotalMinutes} min");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}

using System.Diagnostics;

namespace Sems.Gateway.Tests.Interop;

/// <summary>
/// The Node.js client of sems.v1 in <c>tests/Sems.Gateway.Tests/Interop/node/</c>: found in the repository (walking up
/// from the test assembly to Sems.sln), its npm packages installed with <c>npm ci</c> from the lock file when missing
/// (scripts/test.sh runs it before the tests; this covers a plain <c>dotnet test</c>), run with <c>node</c>.
/// </summary>
internal static class NodeClient
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The client's folder in the repository.</summary>
    public static string Folder
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Sems.sln"))) return Path.Combine(folder.FullName, "tests", "Sems.Gateway.Tests", "Interop", "node");
            }

            throw new InvalidOperationException($"no Sems.sln above {AppContext.BaseDirectory}: the interoperability test runs from a build inside the repository");
        }
    }

    /// <summary>
    /// Runs client.js with <paramref name="arguments"/> and the token in <c>SEMS_TOKEN</c>; returns its exit code and what
    /// it wrote. Fails the test with a clear message when node (or, to install the packages, npm) is not on the PATH.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> Run(IReadOnlyList<string> arguments, string token, TimeSpan timeout)
    {
        var node = Find("node") ?? throw new Xunit.Sdk.XunitException(
            "node is not on the PATH: the interoperability test runs the Node.js client of tests/Sems.Gateway.Tests/Interop/node (install Node.js 18 or later)");
        await Install();
        var start = new ProcessStartInfo(node) { WorkingDirectory = Folder };
        start.ArgumentList.Add("client.js");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["SEMS_TOKEN"] = token;
        return await Execute(start, timeout);
    }

    private static async Task Install()
    {
        var folder = Folder;
        if (File.Exists(Path.Combine(folder, "node_modules", "@grpc", "grpc-js", "package.json"))
            && File.Exists(Path.Combine(folder, "node_modules", "@grpc", "proto-loader", "package.json"))) return;
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(folder, "node_modules", "@grpc", "proto-loader", "package.json"))) return;
            var npm = Find("npm") ?? throw new Xunit.Sdk.XunitException(
                "the Node.js client's packages are not installed and npm is not on the PATH to install them (run npm ci in tests/Sems.Gateway.Tests/Interop/node)");
            var start = new ProcessStartInfo(npm) { WorkingDirectory = folder };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" }) start.ArgumentList.Add(argument);
            var (exit, stdout, stderr) = await Execute(start, TimeSpan.FromMinutes(5));
            if (exit != 0) throw new Xunit.Sdk.XunitException($"npm ci in tests/Sems.Gateway.Tests/Interop/node failed with exit code {exit}: {stderr}{stdout}");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Execute(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{Path.GetFileName(start.FileName)} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The full path of <paramref name="program"/> on the PATH, or null.</summary>
    private static string? Find(string program)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate)) return candidate;
            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".cmd")) return candidate + ".cmd";
        }

        return null;
    }
}

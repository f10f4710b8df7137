namespace Sems.Adapters.Kafka.Tests;

/// <summary>
/// The third-party prosumer of <c>ThirdParty/node/</c> (kafkajs, the JSON Schemas' fields only): found in the repository,
/// its npm packages installed with <c>npm ci</c> from the lock file when missing (scripts/test.sh runs it before the
/// tests), run with <c>node</c>.
/// </summary>
internal static class NodeProsumer
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static string Folder => Repository.Folder("tests", "Sems.Adapters.Kafka.Tests", "ThirdParty", "node");

    public static async Task<ChildProcess> StartAsync(string name, IReadOnlyList<string> arguments)
    {
        var node = Find("node") ?? throw new Xunit.Sdk.XunitException(
            "node is not on the PATH: the third-party prosumer test runs tests/Sems.Adapters.Kafka.Tests/ThirdParty/node/prosumer.js (install Node.js 18 or later)");
        await InstallAsync();
        return ChildProcess.Start(name, node, Folder, ["prosumer.js", .. arguments]);
    }

    private static async Task InstallAsync()
    {
        var marker = Path.Combine(Folder, "node_modules", "kafkajs", "package.json");
        if (File.Exists(marker)) return;
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(marker)) return;
            var npm = Find("npm") ?? throw new Xunit.Sdk.XunitException(
                "the third-party prosumer's packages are not installed and npm is not on the PATH to install them (run npm ci in tests/Sems.Adapters.Kafka.Tests/ThirdParty/node)");
            using var install = ChildProcess.Start("npm ci", npm, Folder, ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
            var exit = await install.WaitForExitAsync(TimeSpan.FromMinutes(5));
            if (exit != 0) throw new Xunit.Sdk.XunitException($"npm ci in tests/Sems.Adapters.Kafka.Tests/ThirdParty/node failed with exit code {exit}: {install.Output}");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}

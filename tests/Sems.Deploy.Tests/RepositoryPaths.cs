namespace Sems.Deploy.Tests;

/// <summary>Paths inside the repository the tests read: found by walking up from the test assembly to Sems.sln.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository's root folder (the one holding Sems.sln).</summary>
    public static string Root => RootPath.Value;

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string Base => Path.Combine(Deploy, "k8s", "base");

    public static string DevOverlay => Path.Combine(Deploy, "k8s", "overlays", "dev");

    public static string Dockerfile => Path.Combine(Deploy, "Dockerfile");

    public static string ValidatorFolder => Path.Combine(Root, "tests", "Sems.Deploy.Tests", "js");

    /// <summary>The settings file of the <c>sems</c> executable, the source of truth for configuration keys.</summary>
    public static string SiloSettings => Path.Combine(Root, "src", "Silo", "appsettings.json");

    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>Every YAML file under deploy/ (manifests, kustomizations, patches).</summary>
    public static IReadOnlyList<string> YamlFiles() =>
        [.. Directory.EnumerateFiles(Deploy, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>A path relative to the repository root with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sems.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException($"no Sems.sln above {AppContext.BaseDirectory}: the tests read the repository's deploy/ folder");
    }
}

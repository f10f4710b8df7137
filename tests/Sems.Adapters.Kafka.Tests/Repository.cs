namespace Sems.Adapters.Kafka.Tests;

/// <summary>Paths in the repository, found by walking up from the test assembly to Sems.sln.</summary>
internal static class Repository
{
    public static string Folder(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sems.sln"))) return Path.Combine([folder.FullName, .. parts]);
        }

        throw new InvalidOperationException($"no Sems.sln above {AppContext.BaseDirectory}: these tests run from a build inside the repository");
    }
}

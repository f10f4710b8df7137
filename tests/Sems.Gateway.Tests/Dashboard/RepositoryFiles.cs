namespace Sems.Gateway.Tests.Dashboard;

/// <summary>Files of the repository the tests run from: found by walking up from the test output to the folder with Sems.sln.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The dashboard's source folder of static files, <c>src/Gateway/Dashboard/wwwroot</c>.</summary>
    public static string Wwwroot => Path.Combine(Root, "src", "Gateway", "Dashboard", "wwwroot");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sems.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds Sems.sln");
    }
}

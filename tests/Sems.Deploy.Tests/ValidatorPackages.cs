namespace Sems.Deploy.Tests;

/// <summary>
/// The npm packages of the kubernetes-models validator (js/): installed with <c>npm ci</c> from its lock file when
/// node_modules is missing (scripts/test.sh runs it before the tests; this covers a plain <c>dotnet test</c>).
/// </summary>
internal static class ValidatorPackages
{
    private static readonly Lazy<string> Installed = new(() =>
    {
        var folder = RepositoryPaths.ValidatorFolder;
        if (!File.Exists(Path.Combine(folder, "node_modules", "kubernetes-models", "package.json")))
        {
            var result = Tools.Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder);
            if (result.ExitCode != 0) throw new InvalidOperationException($"npm ci in {RepositoryPaths.Relative(folder)} failed: {result}");
        }

        return Path.Combine(folder, "validate.js");
    });

    /// <summary>The validator script, its packages installed.</summary>
    public static string Script => Installed.Value;
}

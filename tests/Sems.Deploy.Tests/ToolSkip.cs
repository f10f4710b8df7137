namespace Sems.Deploy.Tests;

/// <summary>Why a test that needs a program is skipped on this machine, or null when the program is there.</summary>
internal static class ToolSkip
{
    public static string? Reason(string tool) => tool switch
    {
        "kustomize" when !Tools.KustomizeAvailable =>
            "kubectl with kustomize v4 or later is not installed (Debian's kubernetes-client carries kustomize v2, too old for the overlay); the other tests use the fallback renderer",
        "yamllint" when Tools.Find("yamllint") is null =>
            "yamllint is not installed and a test does not install it: scripts/test.sh installs Debian's yamllint when run as root",
        "node" when Tools.Find("node") is null =>
            "node is not installed, so the kubernetes-models validator cannot run",
        "node" when !Directory.Exists(Path.Combine(RepositoryPaths.ValidatorFolder, "node_modules")) && Tools.Find("npm") is null =>
            "the validator's npm packages are not installed and npm is not there to install them (scripts/test.sh runs npm ci)",
        _ => null,
    };
}

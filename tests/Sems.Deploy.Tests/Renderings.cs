using System.Text.Json.Nodes;
using k8s;

namespace Sems.Deploy.Tests;

/// <summary>
/// The base and the dev overlay, rendered once per test run: by <c>kubectl kustomize</c> when it is installed (and
/// new enough), else by <see cref="Kustomizer"/>.
/// </summary>
internal static class Renderings
{
    private static readonly Lazy<Rendering> BaseRendering = new(() => Render("base", RepositoryPaths.Base));
    private static readonly Lazy<Rendering> DevRendering = new(() => Render("dev", RepositoryPaths.DevOverlay));

    public static Rendering Base => BaseRendering.Value;

    public static Rendering Dev => DevRendering.Value;

    /// <summary>The rendering named "base" or "dev" (for theories).</summary>
    public static Rendering Named(string name) => name switch
    {
        "base" => Base,
        "dev" => Dev,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not base or dev"),
    };

    /// <summary>The folder of the kustomization named "base" or "dev".</summary>
    public static string Folder(string name) => name == "base" ? RepositoryPaths.Base : RepositoryPaths.DevOverlay;

    /// <summary>Renders with <c>kubectl kustomize</c>; throws with kubectl's message when it fails.</summary>
    public static Rendering WithKubectl(string name, string folder)
    {
        var result = Tools.Run("kubectl", ["kustomize", folder], RepositoryPaths.Root);
        if (result.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {RepositoryPaths.Relative(folder)} failed: {result}");
        var documents = YamlJson.ParseAll(result.Stdout).OfType<JsonObject>().ToList();
        return new Rendering(name, "kubectl kustomize", result.Stdout, documents, KubernetesYaml.LoadAllFromString(result.Stdout, strict: true));
    }

    /// <summary>Renders with <see cref="Kustomizer"/>; the YAML is one JSON document per object.</summary>
    public static Rendering WithFallback(string name, string folder)
    {
        var documents = Kustomizer.Build(folder);
        var yaml = string.Join("---\n", documents.Select(d => d.ToJsonString() + "\n"));
        return new Rendering(name, "the fallback renderer", yaml, documents, KubernetesYaml.LoadAllFromString(yaml, strict: true));
    }

    private static Rendering Render(string name, string folder) =>
        Tools.KustomizeAvailable ? WithKubectl(name, folder) : WithFallback(name, folder);
}

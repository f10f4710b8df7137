using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Sems.Deploy.Tests;

/// <summary>
/// kubectl kustomize and the fallback renderer build the same objects from the base and from the dev overlay, so
/// the checks give the same verdict on a machine with or without kubectl; and what the overlay says it changes, it
/// changes.
/// </summary>
public sealed class RenderingTests
{
    public static TheoryData<string> Kustomizations => new() { "base", "dev" };

    [ToolTheory("kustomize")]
    [MemberData(nameof(Kustomizations))]
    public void KubectlKustomizeAndTheFallbackRendererBuildTheSameObjects(string name)
    {
        var folder = Renderings.Folder(name);
        var kubectl = Normalized(Renderings.WithKubectl(name, folder));
        var fallback = Normalized(Renderings.WithFallback(name, folder));
        Assert.Equal(kubectl.Keys.Order(StringComparer.Ordinal), fallback.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, document) in kubectl)
        {
            Assert.True(JsonNode.DeepEquals(document, fallback[key]), $"{name}: {key} differs\nkubectl kustomize:\n{document.ToJsonString()}\nfallback:\n{fallback[key].ToJsonString()}");
        }
    }

    [Fact]
    public void GeneratedNamesCarryAContentSuffixAndReferencesFollowThem()
    {
        var rendering = Renderings.WithFallback("base", RepositoryPaths.Base);
        var settings = rendering.Documents.Single(d => Kustomizer.Kind(d) == "ConfigMap" && Kustomizer.Name(d).StartsWith("sems-settings-", StringComparison.Ordinal));
        var name = Kustomizer.Name(settings);
        Assert.Matches("^sems-settings-[0-9a-f]{10}$", name);
        var silo = rendering.Documents.Single(d => Kustomizer.Kind(d) == "StatefulSet");
        var references = silo.ToJsonString();
        Assert.Contains($"\"name\":\"{name}\"", references, StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\":\"sems-settings\"", references, StringComparison.Ordinal);
    }

    /// <summary>Objects by kind and name, generated names without their hash suffix, Secret data without line breaks.</summary>
    private static Dictionary<string, JsonObject> Normalized(Rendering rendering)
    {
        var generated = GeneratorNames(Renderings.Folder(rendering.Name));
        var suffix = new Regex($"^({string.Join('|', generated.Select(Regex.Escape))})-[a-z0-9]{{10}}$");
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var original in rendering.Documents)
        {
            var document = Strip(original.DeepClone(), suffix)!.AsObject();
            if (Kustomizer.Kind(document) == "Secret" && document["data"] is JsonObject data)
            {
                foreach (var key in data.Select(p => p.Key).ToList()) data[key] = data[key]!.GetValue<string>().Replace("\n", "", StringComparison.Ordinal);
            }

            result.Add($"{Kustomizer.Kind(document)}/{Kustomizer.Name(document)}", document);
        }

        return result;
    }

    private static JsonNode? Strip(JsonNode? node, Regex suffix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList()) o[key] = Strip(o[key]?.DeepClone(), suffix);
                return o;
            case JsonArray a:
                return new JsonArray([.. a.Select(e => Strip(e?.DeepClone(), suffix))]);
            case JsonValue v when v.TryGetValue<string>(out var text) && suffix.Match(text) is { Success: true } match:
                return JsonValue.Create(match.Groups[1].Value);
            default:
                return node;
        }
    }

    /// <summary>The names of every ConfigMap and Secret generator in the kustomization and the ones it builds on.</summary>
    private static HashSet<string> GeneratorNames(string folder)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var kustomization = YamlJson.ReadObjects(Path.Combine(folder, "kustomization.yaml")).Single();
        foreach (var field in new[] { "configMapGenerator", "secretGenerator" })
        {
            foreach (var generator in kustomization[field] as JsonArray ?? []) names.Add(generator!["name"]!.GetValue<string>());
        }

        foreach (var resource in kustomization["resources"] as JsonArray ?? [])
        {
            var path = Path.GetFullPath(Path.Combine(folder, resource!.GetValue<string>()));
            if (Directory.Exists(path)) names.UnionWith(GeneratorNames(path));
        }

        return names;
    }
}

using k8s;
using Xunit;

namespace Sems.Deploy.Tests;

/// <summary>
/// Strict loading with KubernetesClient (<c>KubernetesYaml.LoadAllFromString(yaml, strict: true)</c>): an unknown
/// field (a typo, a field at the wrong level) or a value of the wrong type is an error, not silently dropped.
/// </summary>
public sealed class StrictLoadingTests
{
    public static TheoryData<string> Kustomizations => new() { "base", "dev" };

    public static TheoryData<string> ManifestFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryPaths.YamlFiles().Where(f => Path.GetFileName(f) != "kustomization.yaml" && !Path.GetFileName(f).StartsWith('.')))
        {
            data.Add(RepositoryPaths.Relative(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManifestFiles))]
    public void EveryManifestAndPatchFileLoadsStrictly(string file)
    {
        var path = Path.Combine(RepositoryPaths.Root, file);
        var documents = YamlJson.ReadObjects(path);
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(path), strict: true);
        Assert.Equal(documents.Count, objects.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            // The typed object is the kind the document names (V1StatefulSet for StatefulSet, V2HorizontalPodAutoscaler ...).
            Assert.EndsWith(Kustomizer.Kind(documents[i]), objects[i].GetType().Name, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void EveryRenderedObjectLoadsStrictly(string name)
    {
        var rendering = Renderings.Named(name);
        Assert.Equal(rendering.Documents.Count, rendering.Objects.Count);
        Assert.Equal(
            rendering.Documents.Select(Kustomizer.Kind).Order(StringComparer.Ordinal),
            rendering.Objects.Select(o => ((k8s.IKubernetesObject)o).Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StrictLoadingRefusesAMisspelledFieldOfTheSiloStatefulSet()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Base, "silo-statefulset.yaml"));
        Assert.Contains("  serviceName: sems-silo\n", text, StringComparison.Ordinal);
        _ = KubernetesYaml.LoadAllFromString(text, strict: true);
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(text.Replace("  serviceName: sems-silo\n", "  servicename: sems-silo\n", StringComparison.Ordinal), strict: true));
        // Without strict, the same typo is dropped silently: the reason for loading strictly.
        _ = KubernetesYaml.LoadAllFromString(text.Replace("  serviceName: sems-silo\n", "  servicename: sems-silo\n", StringComparison.Ordinal), strict: false);
    }

    [Fact]
    public void StrictLoadingRefusesAValueOfTheWrongType()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Base, "silo-statefulset.yaml"));
        Assert.Contains("  replicas: 3\n", text, StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(text.Replace("  replicas: 3\n", "  replicas: three\n", StringComparison.Ordinal), strict: true));
    }
}

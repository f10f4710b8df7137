using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Xunit;

namespace Sems.Deploy.Tests;

/// <summary>The dev overlay against the base: what it promises (one silo, smaller pods, its namespace, its image, a usable secret).</summary>
public sealed class OverlayTests
{
    private static readonly JsonObject Kustomization = YamlJson.ReadObjects(Path.Combine(RepositoryPaths.DevOverlay, "kustomization.yaml")).Single();

    [Fact]
    public void TheDevClusterRunsOneSiloAndTheBaseACluster()
    {
        Assert.Equal(1, Renderings.Dev.OfType<V1StatefulSet>().Single().Spec.Replicas);
        Assert.True(Renderings.Base.OfType<V1StatefulSet>().Single().Spec.Replicas >= 2, "the base should run a cluster of silos");
        Assert.Equal(1, Renderings.Dev.OfType<V2HorizontalPodAutoscaler>().Single().Spec.MinReplicas);
    }

    [Fact]
    public void EveryDevContainerAsksForNoMoreThanInTheBaseAndTheSilosForLess()
    {
        var strictlySmaller = new List<string>();
        foreach (var devWorkload in Manifests.Workloads(Renderings.Dev))
        {
            var baseWorkload = Manifests.Workloads(Renderings.Base).Single(w => w.Kind == devWorkload.Kind && w.Name == devWorkload.Name);
            foreach (var container in devWorkload.Containers)
            {
                var baseContainer = baseWorkload.Containers.Single(c => c.Name == container.Name);
                foreach (var (kind, dev, base_) in new[] { ("request", container.Resources.Requests, baseContainer.Resources.Requests), ("limit", container.Resources.Limits, baseContainer.Resources.Limits) })
                {
                    foreach (var resource in new[] { "cpu", "memory" })
                    {
                        var devValue = dev[resource].ToDecimal();
                        var baseValue = base_[resource].ToDecimal();
                        Assert.True(devValue <= baseValue, $"{devWorkload} container {container.Name}: the dev {resource} {kind} {dev[resource]} exceeds the base's {base_[resource]}");
                        if (devValue < baseValue) strictlySmaller.Add($"{devWorkload.Name}/{container.Name} {resource} {kind}");
                    }
                }
            }
        }

        Assert.Contains("sems-silo/silo cpu request", strictlySmaller);
        Assert.Contains("sems-silo/silo memory request", strictlySmaller);
        Assert.Contains("sems-gateway/gateway memory request", strictlySmaller);
    }

    [Fact]
    public void EveryDevObjectIsInTheOverlaysNamespaceWhichItCreates()
    {
        var ns = Kustomization["namespace"]!.GetValue<string>();
        Assert.Contains(Renderings.Dev.OfType<V1Namespace>(), n => n.Metadata.Name == ns);
        foreach (var document in Renderings.Dev.Documents.Where(d => Kustomizer.Kind(d) != "Namespace"))
        {
            Assert.Equal(ns, document["metadata"]?["namespace"]?.GetValue<string>());
        }

        // The base leaves the namespace to whoever applies it.
        Assert.All(Renderings.Base.Documents, d => Assert.Null(d["metadata"]?["namespace"]));
    }

    [Fact]
    public void TheOverlaysImagesReplaceTheImageTheBaseUses()
    {
        // In the base every container (silo, gateway, db init) runs the one image of the executable.
        var baseImages = Manifests.Workloads(Renderings.Base).SelectMany(w => w.Containers).Select(c => c.Image).Distinct().ToList();
        var baseImage = Assert.Single(baseImages);

        // Each entry of the overlay's images names that image (an entry naming another would change nothing) ...
        var expected = new HashSet<string>();
        foreach (var entry in Kustomization["images"]!.AsArray())
        {
            var name = entry!["name"]!.GetValue<string>();
            Assert.True(name == Repository(baseImage), $"the dev overlay's images entry \"{name}\" matches no image of the base (the base uses {baseImage})");
            expected.Add($"{entry["newName"]?.GetValue<string>() ?? name}:{entry["newTag"]!.GetValue<string>()}");
        }

        // ... and every dev container runs the image the entry makes of it.
        var devImages = Manifests.Workloads(Renderings.Dev).SelectMany(w => w.Containers).Select(c => c.Image).ToHashSet();
        Assert.Equal(expected.Order(), devImages.Order());
    }

    [Fact]
    public void TheOverlaysLabelsReachThePodsButNoSelector()
    {
        var pairs = Kustomization["labels"]!.AsArray().SelectMany(l => l!["pairs"]!.AsObject()).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.NotEmpty(pairs);
        foreach (var workload in Manifests.Workloads(Renderings.Dev))
        {
            Assert.True(Manifests.Selects(pairs, workload.PodLabels), $"{workload}'s pods lack the overlay's labels");
            // A changed selector cannot be applied over a running StatefulSet or Deployment.
            var baseWorkload = Manifests.Workloads(Renderings.Base).Single(w => w.Name == workload.Name);
            Assert.Equal(
                Manifests.MatchLabels(baseWorkload.Selector, baseWorkload.ToString()).OrderBy(p => p.Key),
                Manifests.MatchLabels(workload.Selector, workload.ToString()).OrderBy(p => p.Key));
        }
    }

    [Fact]
    public void TheDevSecretReplacesEveryPlaceholderWithAUsableValue()
    {
        var placeholder = Renderings.Base.OfType<V1Secret>().Single(s => s.Metadata.Name == "sems-secrets");
        var dev = Renderings.Dev.OfType<V1Secret>().Single(s => s.Metadata.Name == "sems-secrets");
        Assert.Null(dev.StringData);
        Assert.Equal(placeholder.StringData.Keys.Order(), dev.Data.Keys.Order());

        // A signing key is base64 of at least 32 bytes.
        var key = Encoding.UTF8.GetString(dev.Data["signing-key"]);
        Assert.True(Convert.TryFromBase64String(key, new byte[key.Length], out var bytes) && bytes >= 32, $"the dev signing key is not base64 of at least 32 bytes: {bytes} bytes");

        // The connection string names the ExternalName Service of the overlay and holds no placeholder.
        var connection = Encoding.UTF8.GetString(dev.Data["connection-string"]);
        Assert.DoesNotContain("REPLACE-ME", connection, StringComparison.Ordinal);
        Assert.Equal(Host(placeholder.StringData["connection-string"]), Host(connection));
        var postgres = Renderings.Dev.OfType<V1Service>().Single(s => s.Metadata.Name == Host(connection));
        Assert.Equal("ExternalName", postgres.Spec.Type);
        Assert.NotEqual(Renderings.Base.OfType<V1Service>().Single(s => s.Metadata.Name == postgres.Metadata.Name).Spec.ExternalName, postgres.Spec.ExternalName);
    }

    [Fact]
    public void TheBaseSecretHoldsMarkedPlaceholdersThatCannotRun()
    {
        var secret = Renderings.Base.OfType<V1Secret>().Single(s => s.Metadata.Name == "sems-secrets");
        Assert.All(secret.StringData, pair => Assert.Contains("REPLACE-ME", pair.Value, StringComparison.Ordinal));
        // Not base64: a forgotten replacement stops the host at start instead of signing with a published key.
        var key = secret.StringData["signing-key"];
        Assert.False(Convert.TryFromBase64String(key, new byte[key.Length], out _), "the placeholder signing key decodes as base64");
        var postgres = Renderings.Base.OfType<V1Service>().Single(s => s.Metadata.Name == Host(secret.StringData["connection-string"]));
        Assert.EndsWith(".invalid", postgres.Spec.ExternalName, StringComparison.Ordinal);
    }

    private static string Repository(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[..colon] : image;
    }

    /// <summary>The Host of an Npgsql connection string.</summary>
    private static string Host(string connection) =>
        connection.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Single(p => p[0].Trim().Equals("Host", StringComparison.OrdinalIgnoreCase))[1].Trim();
}

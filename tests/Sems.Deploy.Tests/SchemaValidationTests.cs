using System.Text.Json.Nodes;
using Xunit;

namespace Sems.Deploy.Tests;

/// <summary>
/// The rendered objects against the schemas of npm's kubernetes-models 4.5.1 (<c>validate()</c>), an implementation
/// independent of KubernetesClient that finds missing required fields: a container without a name or image, a
/// Service port without a port number, a selector without labels.
/// </summary>
public sealed class SchemaValidationTests
{
    public static TheoryData<string> Kustomizations => new() { "base", "dev" };

    [ToolTheory("node")]
    [MemberData(nameof(Kustomizations))]
    public void EveryRenderedObjectPassesKubernetesModelsValidation(string name)
    {
        var rendering = Renderings.Named(name);
        var (result, reports) = Validate(rendering.Yaml);
        Assert.True(result.ExitCode == 0, $"{rendering}: kubernetes-models found problems: {result}");

        // One report per rendered object, in order: nothing was skipped.
        Assert.Equal(
            rendering.Documents.Select(d => $"{Kustomizer.Kind(d)}/{Kustomizer.Name(d)}"),
            reports.Select(r => $"{r["kind"]}/{r["name"]}"));
    }

    [ToolFact("node")]
    public void TheValidatorReportsAContainerWithoutAName()
    {
        var documents = Renderings.WithFallback("dev", RepositoryPaths.DevOverlay).Documents.Select(d => d.DeepClone().AsObject()).ToList();
        var statefulSet = documents.Single(d => Kustomizer.Kind(d) == "StatefulSet");
        var container = statefulSet["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        Assert.True(container.Remove("name"));

        var (result, reports) = Validate(string.Join("---\n", documents.Select(d => d.ToJsonString() + "\n")));
        Assert.Equal(1, result.ExitCode);
        var failed = Assert.Single(reports, r => r["errors"]!.AsArray().Count > 0);
        Assert.Equal("StatefulSet", failed["kind"]!.GetValue<string>());
        Assert.Contains("/spec/template/spec/containers/0 must have required property name", failed["errors"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [ToolFact("node")]
    public void TheValidatorReportsAKindItHasNoSchemaFor()
    {
        var (result, reports) = Validate("apiVersion: apps/v1\nkind: StatefullSet\nmetadata:\n  name: typo\n");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no kubernetes-models schema", Assert.Single(reports)["errors"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static (ProcessResult Result, List<JsonObject> Reports) Validate(string yaml)
    {
        var script = ValidatorPackages.Script;
        var file = Path.Combine(Path.GetTempPath(), $"sems-validate-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        try
        {
            var result = Tools.Run("node", [script, file], RepositoryPaths.ValidatorFolder);
            var reports = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            return (result, reports);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using Xunit;

namespace Sems.Deploy.Tests;

/// <summary>Every YAML file under deploy/ parses and passes yamllint with deploy/.yamllint.</summary>
public sealed class YamlLintTests
{
    [Fact]
    public void EveryYamlFileUnderDeployParsesWithoutARepeatedKey()
    {
        var files = RepositoryPaths.YamlFiles();
        Assert.Contains(files, f => f.EndsWith(Path.Combine("base", "kustomization.yaml"), StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(Path.Combine("dev", "kustomization.yaml"), StringComparison.Ordinal));
        foreach (var file in files)
        {
            var objects = YamlJson.ReadObjects(file);
            Assert.True(objects.Count > 0, $"{RepositoryPaths.Relative(file)} holds no document");
        }
    }

    [Fact]
    public void TheParserRefusesARepeatedKey()
    {
        // Most YAML readers keep the last of two equal keys; a manifest that says two things must not pass.
        var problem = Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => YamlJson.ParseAll("kind: Service\nmetadata:\n  name: a\n  name: b\n"));
        Assert.Contains("Duplicate key", problem.Message, StringComparison.Ordinal);
    }

    [ToolFact("yamllint")]
    public void EveryYamlFileUnderDeployPassesYamllint()
    {
        var result = Tools.Run("yamllint", ["-c", Path.Combine(RepositoryPaths.Deploy, ".yamllint"), "-f", "parsable", "--strict", RepositoryPaths.Deploy], RepositoryPaths.Root);
        Assert.True(result.ExitCode == 0 && result.Stdout.Trim().Length == 0, $"yamllint found problems: {result}");
    }

    [ToolFact("yamllint")]
    public void TheYamllintConfigurationCatchesARepeatedKeyAndBadIndentation()
    {
        // The configuration is the one the manifests pass; it must still find these, or the test above proves nothing.
        var folder = Directory.CreateTempSubdirectory("sems-yamllint-");
        try
        {
            var file = Path.Combine(folder.FullName, "broken.yaml");
            File.WriteAllText(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n   name: a\n   name: b\n");
            var result = Tools.Run("yamllint", ["-c", Path.Combine(RepositoryPaths.Deploy, ".yamllint"), "-f", "parsable", file], RepositoryPaths.Root);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("(key-duplicates)", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("(indentation)", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

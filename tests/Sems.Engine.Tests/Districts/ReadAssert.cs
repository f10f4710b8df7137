using System.Text.Json.Nodes;
using Sems.Engine.Districts;
using Xunit;
using Xunit.Sdk;

namespace Sems.Engine.Tests.Districts;

public static class ReadAssert
{
    public static DistrictReadResult Read(JsonObject district) => DistrictReader.Read(district.ToText());

    public static string Describe(IEnumerable<ValidationProblem> problems)
    {
        var lines = problems.Select(p => "  " + p).ToList();
        return lines.Count == 0 ? "  (none)" : string.Join(Environment.NewLine, lines);
    }

    public static void Valid(DistrictReadResult result)
    {
        if (result.Errors.Count > 0) throw new XunitException($"expected no errors, got:{Environment.NewLine}{Describe(result.Errors)}");
        Assert.NotNull(result.District);
        Assert.True(result.IsValid);
    }

    /// <summary>
    /// The district is rejected and exactly one error sits at <paramref name="path"/>, whose text contains each of
    /// <paramref name="fragments"/> (the offending value, the rule).
    /// </summary>
    public static ValidationProblem Reported(DistrictReadResult result, string path, params string[] fragments)
    {
        Assert.Null(result.District);
        Assert.False(result.IsValid);
        var atPath = result.Errors.Where(p => p.Path == path).ToList();
        if (atPath.Count != 1)
            throw new XunitException($"expected exactly one error at {path}, got {atPath.Count}; all errors:{Environment.NewLine}{Describe(result.Errors)}");

        var problem = atPath[0];
        var text = problem.ToString();
        Assert.StartsWith($"{path}: ", text);
        foreach (var fragment in fragments)
        {
            if (!text.Contains(fragment, StringComparison.Ordinal))
                throw new XunitException($"expected the error at {path} to contain \"{fragment}\", got \"{text}\"");
        }

        return problem;
    }

    /// <summary>Like <see cref="Reported"/>, and that error is the only one.</summary>
    public static ValidationProblem OnlyError(DistrictReadResult result, string path, params string[] fragments)
    {
        var problem = Reported(result, path, fragments);
        if (result.Errors.Count != 1)
            throw new XunitException($"expected only the error at {path}, got {result.Errors.Count}:{Environment.NewLine}{Describe(result.Errors)}");
        return problem;
    }
}

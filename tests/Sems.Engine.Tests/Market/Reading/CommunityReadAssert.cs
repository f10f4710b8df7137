using Sems.Engine.Districts;
using Sems.Engine.Market;
using Xunit.Sdk;

namespace Sems.Engine.Tests.Market.Reading;

public static class CommunityReadAssert
{
    public static string Describe(IEnumerable<ValidationProblem> problems)
    {
        var lines = problems.Select(p => "  " + p).ToList();
        return lines.Count == 0 ? "  (none)" : string.Join(Environment.NewLine, lines);
    }

    public static Community Valid(CommunityReadResult result)
    {
        if (result.Errors.Count > 0) throw new XunitException($"expected no errors, got:{Environment.NewLine}{Describe(result.Errors)}");
        Assert.True(result.IsValid);
        return result.Community!;
    }

    /// <summary>The file is rejected and exactly one error sits at <paramref name="path"/>, its text holding each fragment (the value, the rule).</summary>
    public static ValidationProblem Reported(CommunityReadResult result, string path, params string[] fragments)
    {
        Assert.Null(result.Community);
        Assert.False(result.IsValid);
        var atPath = result.Errors.Where(p => p.Path == path).ToList();
        if (atPath.Count != 1)
            throw new XunitException($"expected exactly one error at {path}, got {atPath.Count}; all errors:{Environment.NewLine}{Describe(result.Errors)}");
        var text = atPath[0].ToString();
        Assert.StartsWith($"{path}: ", text);
        foreach (var fragment in fragments)
        {
            if (!text.Contains(fragment, StringComparison.Ordinal))
                throw new XunitException($"expected the error at {path} to contain \"{fragment}\", got \"{text}\"");
        }

        return atPath[0];
    }

    /// <summary>Like <see cref="Reported"/>, and that error is the only one.</summary>
    public static ValidationProblem OnlyError(CommunityReadResult result, string path, params string[] fragments)
    {
        var problem = Reported(result, path, fragments);
        if (result.Errors.Count != 1)
            throw new XunitException($"expected only the error at {path}, got {result.Errors.Count}:{Environment.NewLine}{Describe(result.Errors)}");
        return problem;
    }
}

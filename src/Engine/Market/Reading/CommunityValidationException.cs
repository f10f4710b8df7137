using Sems.Engine.Districts;

namespace Sems.Engine.Market;

/// <summary>Thrown when a community file breaks the contract; carries every problem found, not just the first.</summary>
public sealed class CommunityValidationException(IReadOnlyList<ValidationProblem> problems, string? sourceName = null)
    : Exception($"The community file{(sourceName is null ? "" : " " + sourceName)} is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):\n"
        + string.Join('\n', problems.Select(p => "  " + p)))
{
    /// <summary>Every problem, each as <c>path: value rule</c>.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;

    /// <summary>Where the text came from; null when not given.</summary>
    public string? SourceName { get; } = sourceName;
}

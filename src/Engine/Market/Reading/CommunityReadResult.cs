using Sems.Engine.Districts;

namespace Sems.Engine.Market;

/// <summary>The outcome of reading a community file: the community when valid, every error, and warnings (unknown fields).</summary>
/// <param name="Community">The community; null when any error was found.</param>
/// <param name="Errors">Every rule the file breaks, each as <c>path: value rule</c>.</param>
/// <param name="Warnings">Fields the contract does not define (ignored).</param>
/// <param name="SourceName">Where the text came from (a file name), for messages; null when not given.</param>
public sealed record CommunityReadResult(Community? Community, IReadOnlyList<ValidationProblem> Errors, IReadOnlyList<ValidationProblem> Warnings, string? SourceName = null)
{
    /// <summary>Whether the file is a valid community file.</summary>
    public bool IsValid => Community is not null && Errors.Count == 0;

    /// <summary>The community, or a <see cref="CommunityValidationException"/> naming every error.</summary>
    public Community GetCommunityOrThrow() => IsValid ? Community! : throw new CommunityValidationException(Errors, SourceName);
}

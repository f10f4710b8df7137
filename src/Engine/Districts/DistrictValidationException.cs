namespace Sems.Engine.Districts;

/// <summary>Thrown when a district file breaks the contract; carries every problem found, not just the first.</summary>
public sealed class DistrictValidationException(IReadOnlyList<ValidationProblem> problems)
    : Exception($"The district file is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):\n" + string.Join('\n', problems.Select(p => "  " + p)))
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}

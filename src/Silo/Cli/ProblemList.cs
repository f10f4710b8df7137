using Sems.Engine.Districts;

namespace Sems.Silo.Cli;

/// <summary>Prints validation problems to stderr, at most <see cref="MaxShown"/> of them, so no input makes stderr long.</summary>
internal static class ProblemList
{
    public const int MaxShown = 50;

    public static void Write(TextWriter stderr, IReadOnlyList<ValidationProblem> problems, string prefix = "  ")
    {
        foreach (var problem in problems.Take(MaxShown)) stderr.WriteLine($"{prefix}{problem}");
        if (problems.Count > MaxShown) stderr.WriteLine($"{prefix}… and {problems.Count - MaxShown} more problems");
    }
}

namespace Sems.Engine.Model;

/// <summary>The district file's <c>coordination</c> object.</summary>
/// <param name="Mode">Priority (Algorithm 1, default) or economic.</param>
/// <param name="MaxRounds">Economic mode: the most price rounds per cycle before the feasibility repair.</param>
public sealed record CoordinationSettings(CoordinationMode Mode = CoordinationMode.Priority, int MaxRounds = 10)
{
    public static CoordinationSettings Default { get; } = new();
}

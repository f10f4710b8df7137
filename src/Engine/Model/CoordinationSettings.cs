namespace Sems.Engine.Model;

/// <summary>The district file's <c>coordination</c> object.</summary>
/// <param name="Mode">Priority (Algorithm 1, default) or economic.</param>
/// <param name="MaxRounds">Economic mode: the most price rounds per cycle before the feasibility repair.</param>
public sealed record CoordinationSettings(CoordinationMode Mode = CoordinationMode.Priority, int MaxRounds = 10)
{
    /// <summary>The smallest <see cref="RiskLevel"/> a file may give: 0.5 plans on the point forecast (z = 0).</summary>
    public const double MinRiskLevel = 0.5;

    /// <summary>The largest <see cref="RiskLevel"/> a file may give (z ≈ 3.719).</summary>
    public const double MaxRiskLevel = 0.9999;

    /// <summary>
    /// The file's <c>coordination.riskLevel</c>: the probability, in [<see cref="MinRiskLevel"/>, <see cref="MaxRiskLevel"/>],
    /// with which each node's import limit is to hold under forecast error at each step; the coordinator plans against
    /// importMax − z(riskLevel)·√(Σ σ²) over the subsystems below the node. Null: plan on the point forecast (no margin).
    /// </summary>
    public double? RiskLevel { get; init; }

    public static CoordinationSettings Default { get; } = new();
}

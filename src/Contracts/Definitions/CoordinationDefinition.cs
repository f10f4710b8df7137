namespace Sems.Contracts.Definitions;

/// <summary>The district file's <c>coordination</c> object as the coordinator receives it.</summary>
/// <param name="Mode">"priority" or "economic".</param>
/// <param name="MaxRounds">Economic mode: the most price rounds per cycle.</param>
[GenerateSerializer, Immutable, Alias("sems.CoordinationDefinition")]
public sealed record CoordinationDefinition(
    [property: Id(0)] string Mode,
    [property: Id(1)] int MaxRounds)
{
    /// <summary>
    /// The file's <c>coordination.riskLevel</c>: the probability in [0.5, 0.9999] with which each node's import limit is
    /// to hold under forecast error; null plans on the point forecast.
    /// </summary>
    [Id(2)] public double? RiskLevel { get; init; }
}

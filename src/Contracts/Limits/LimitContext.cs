namespace Sems.Contracts.Limits;

/// <summary>What a limit is checked against: the district's name, step, horizon and the resources its supplies draw.</summary>
[GenerateSerializer, Immutable, Alias("sems.LimitContext")]
public sealed record LimitContext(
    [property: Id(0)] string DistrictName,
    [property: Id(1)] int StepMinutes,
    [property: Id(2)] int HorizonSteps,
    [property: Id(3)] string[] Resources)
{
    /// <summary>
    /// The grid's node ids, root first; a limit may be set on any of them. Empty: the district root alone ("" or the
    /// district's name), as before the grid topology.
    /// </summary>
    [Id(4)] public string[] Nodes { get; init; } = [];
}

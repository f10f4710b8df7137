namespace Sems.Contracts.Limits;

/// <summary>What a limit is checked against: the district's name, step, horizon and the resources its supplies draw.</summary>
[GenerateSerializer, Immutable, Alias("sems.LimitContext")]
public sealed record LimitContext(
    [property: Id(0)] string DistrictName,
    [property: Id(1)] int StepMinutes,
    [property: Id(2)] int HorizonSteps,
    [property: Id(3)] string[] Resources);

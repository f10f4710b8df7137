namespace Sems.Contracts.Results;

/// <summary>What had to give for an infeasible problem: the constraint family (by name), in words and in numbers.</summary>
[GenerateSerializer, Immutable, Alias("sems.InfeasibilityResult")]
public sealed record InfeasibilityResult(
    [property: Id(0)] string Family,
    [property: Id(1)] string Message,
    [property: Id(2)] int FirstStep,
    [property: Id(3)] int LastStep,
    [property: Id(4)] double MaxAmount,
    [property: Id(5)] string Unit);

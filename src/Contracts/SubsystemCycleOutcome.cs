namespace Sems.Contracts;

/// <summary>What one coordination cycle did to one subsystem.</summary>
[GenerateSerializer, Immutable, Alias("sems.SubsystemCycleOutcome")]
public sealed record SubsystemCycleOutcome(
    [property: Id(0)] string SubsystemId,
    [property: Id(1)] int Priority,
    [property: Id(2)] string StatusBefore,
    [property: Id(3)] string Status,
    [property: Id(4)] bool Resolved,
    [property: Id(5)] bool Accepted,
    [property: Id(6)] IReadOnlyDictionary<string, double[]> TightenedMaxKw,
    [property: Id(7)] IReadOnlyDictionary<string, double[]> DrawBeforeKw,
    [property: Id(8)] IReadOnlyDictionary<string, double[]> DrawAfterKw,
    [property: Id(9)] string? Note,
    [property: Id(10)] SubsystemPlan Plan);

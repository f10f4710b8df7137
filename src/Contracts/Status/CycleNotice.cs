namespace Sems.Contracts.Status;

/// <summary>
/// What the coordinator tells the status grain after a cycle: the cycle, the start of its first step, and per resource
/// the violation of its committed first step (kWh: the planned excess over the limit times the step length).
/// </summary>
[GenerateSerializer, Immutable, Alias("sems.CycleNotice")]
public sealed record CycleNotice(
    [property: Id(0)] int Cycle,
    [property: Id(1)] DateTimeOffset StepStart,
    [property: Id(2)] IReadOnlyDictionary<string, double> FirstStepViolationKwh);

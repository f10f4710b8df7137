namespace Sems.Contracts.Definitions;

/// <summary>A supply's unit commitment: minimum draw while on (kW per step), minimum up/down steps, start cost, initial state.</summary>
[GenerateSerializer, Immutable, Alias("sems.CommitmentDefinition")]
public sealed record CommitmentDefinition(
    [property: Id(0)] double[] MinOn,
    [property: Id(1)] int MinUpSteps,
    [property: Id(2)] int MinDownSteps,
    [property: Id(3)] double StartCost,
    [property: Id(4)] bool InitiallyOn,
    [property: Id(5)] int InitialSteps);

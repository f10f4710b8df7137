namespace Sems.Grains;

/// <summary>A committed supply's state after step 0 of <paramref name="Cycle"/> was committed: on or off, and for how many steps.</summary>
[GenerateSerializer, Immutable, Alias("sems.CommitmentCarry")]
public sealed record CommitmentCarry([property: Id(0)] bool On, [property: Id(1)] int Steps, [property: Id(2)] int Cycle);

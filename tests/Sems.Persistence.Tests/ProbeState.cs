namespace Sems.Persistence.Tests;

[GenerateSerializer]
[Alias("sems.tests.ProbeState")]
public sealed record ProbeState([property: Id(0)] double Nan, [property: Id(1)] double Max, [property: Id(2)] double[] Profile, [property: Id(3)] string Name);

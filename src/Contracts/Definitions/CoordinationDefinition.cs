namespace Sems.Contracts.Definitions;

/// <summary>The district file's <c>coordination</c> object as the coordinator receives it.</summary>
/// <param name="Mode">"priority" or "economic".</param>
/// <param name="MaxRounds">Economic mode: the most price rounds per cycle.</param>
[GenerateSerializer, Immutable, Alias("sems.CoordinationDefinition")]
public sealed record CoordinationDefinition(
    [property: Id(0)] string Mode,
    [property: Id(1)] int MaxRounds);

namespace Sems.Contracts;

/// <summary>A forecast grain's state: method, when it last trained (on the SEMS clock), how long that took, and its history.</summary>
[GenerateSerializer, Immutable, Alias("sems.ForecastStatus")]
public sealed record ForecastStatus(
    [property: Id(0)] string Method,
    [property: Id(1)] DateTimeOffset? LastTrained,
    [property: Id(2)] double LastTrainingMs,
    [property: Id(3)] int Trainings,
    [property: Id(4)] IReadOnlyDictionary<string, int> HistorySamples);

namespace Sems.Contracts;

/// <summary>A forecast grain's state: method, when it last trained (on the SEMS clock), how long that took, and its history.</summary>
/// <param name="CorrectionPhi">Input → the φ of its within-day correction now (0 until 24 residual pairs are known); empty without correction.</param>
/// <param name="IssuedHorizons">Input → how many of its served horizons the grain keeps to fit residual quantiles.</param>
[GenerateSerializer, Immutable, Alias("sems.ForecastStatus")]
public sealed record ForecastStatus(
    [property: Id(0)] string Method,
    [property: Id(1)] DateTimeOffset? LastTrained,
    [property: Id(2)] double LastTrainingMs,
    [property: Id(3)] int Trainings,
    [property: Id(4)] IReadOnlyDictionary<string, int> HistorySamples,
    [property: Id(5)] IReadOnlyDictionary<string, double>? CorrectionPhi = null,
    [property: Id(6)] IReadOnlyDictionary<string, int>? IssuedHorizons = null);

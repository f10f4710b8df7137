namespace Sems.Forecasting;

/// <summary>A forecasting method offered to <see cref="ForecastMethodSelector"/>.</summary>
/// <param name="Method">Short name of the method, e.g. "regression-fasttree".</param>
/// <param name="Forecaster">A fresh, untrained forecaster of the method.</param>
/// <param name="Eligible">Whether the method may become a series' default; a method that is not is still scored and
/// reported.</param>
public sealed record ForecastCandidate(string Method, IForecaster Forecaster, bool Eligible = true);

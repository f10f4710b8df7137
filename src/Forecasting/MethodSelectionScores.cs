using Sems.Forecasting.Probabilistic;

namespace Sems.Forecasting;

/// <summary>One method's accuracy on the validation and test blocks of <see cref="ForecastMethodSelector.Evaluate"/>.</summary>
/// <param name="Method">The candidate's <see cref="ForecastCandidate.Method"/>.</param>
/// <param name="ForecasterName">The forecaster's <see cref="IForecaster.Name"/>.</param>
/// <param name="Eligible">Whether it could be chosen as the default.</param>
/// <param name="Validation">Forecasts of the validation block; null when the method failed.</param>
/// <param name="Test">Forecasts of the test block; null when the method failed.</param>
/// <param name="Failure">Why the method could not be trained or evaluated; null when it was.</param>
public sealed record MethodSelectionScores(
    string Method,
    string ForecasterName,
    bool Eligible,
    BlockForecast? Validation,
    BlockForecast? Test,
    string? Failure)
{
    /// <summary>Coverage on the test block of the 10 % and 90 % quantiles fitted on the validation block's residuals
    /// by lead step (<see cref="ForecastMethodSelector.Coverage"/>); null when they could not be fitted.</summary>
    public QuantileCoverage? Coverage { get; init; }

    /// <summary>Coverage on the test block of the 10 % and 90 % quantiles issued day by day from the days before each
    /// (<see cref="ForecastMethodSelector.AdaptiveCoverage"/>), settings chosen on the validation block; null when they
    /// could not be issued.</summary>
    public AdaptiveQuantileCoverage? AdaptiveCoverage { get; init; }
}

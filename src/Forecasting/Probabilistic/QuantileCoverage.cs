namespace Sems.Forecasting.Probabilistic;

/// <summary>
/// How often held-out measurements fell at or below a forecast's lower and upper quantiles (forecast +
/// <see cref="LeadTimeQuantiles.Residual"/>), fitted on one block and scored on another. Steps whose fitted quantiles
/// coincide (e.g. PV at night, where every residual is 0) are not scored.
/// </summary>
/// <param name="LowerProbability">Nominal probability of the lower quantile, e.g. 0.1.</param>
/// <param name="UpperProbability">Nominal probability of the upper quantile, e.g. 0.9.</param>
/// <param name="LowerCoverage">Fraction of the scored measurements at or below the lower quantile.</param>
/// <param name="UpperCoverage">Fraction of the scored measurements at or below the upper quantile.</param>
/// <param name="Samples">Scored measurements.</param>
/// <param name="MeanIntervalWidth">Mean upper − lower quantile over the scored steps, in the unit of the target.</param>
public sealed record QuantileCoverage(
    double LowerProbability,
    double UpperProbability,
    double LowerCoverage,
    double UpperCoverage,
    int Samples,
    double MeanIntervalWidth);

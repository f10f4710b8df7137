namespace Sems.Forecasting.Probabilistic;

/// <summary>
/// Coverage of quantiles issued day by day by <see cref="AdaptiveLeadTimeQuantiles"/> with settings chosen on the
/// validation block.
/// </summary>
/// <param name="Settings">The settings chosen on the validation block.</param>
/// <param name="Validation">Coverage of the chosen settings on the validation block after its warm-up days (what the
/// choice saw).</param>
/// <param name="Test">Coverage on the test block, each day's quantiles issued from the days before it.</param>
public sealed record AdaptiveQuantileCoverage(AdaptiveQuantileSettings Settings, QuantileCoverage Validation, QuantileCoverage Test);

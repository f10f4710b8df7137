namespace Sems.Forecasting.Probabilistic;

/// <summary>
/// How <see cref="AdaptiveLeadTimeQuantiles"/> issues a day's quantiles: from which past days, with which residual
/// scale, and how fast the level adapts to realised misses.
/// </summary>
/// <param name="WindowDays">Most recent whole days of residuals used at each issue time; 0 for every day known then.</param>
/// <param name="Gamma">Step size of adaptive conformal inference (Gibbs and Candès 2021), per scored step: after each
/// day the working probability moves by Gamma × Σ (nominal − 1{actual ≤ quantile}) over the day's steps; 0 keeps the
/// nominal probability.</param>
/// <param name="ScaleByForecast">Whether residuals are divided by a scale known at issue time, |forecast| + the mean
/// |forecast| of the window, and multiplied back by today's scale; false uses the residuals in the unit of the target.</param>
public sealed record AdaptiveQuantileSettings(int WindowDays, double Gamma, bool ScaleByForecast)
{
    /// <summary>The settings <see cref="AdaptiveLeadTimeQuantiles.Choose"/> tries, simplest first: windows of 14, 28 and
    /// all days, γ of 0, 0.005 and 0.02, unscaled and scaled residuals.</summary>
    public static IReadOnlyList<AdaptiveQuantileSettings> Candidates { get; } =
    [
        .. from scale in new[] { false, true }
           from gamma in new[] { 0.0, 0.005, 0.02 }
           from window in new[] { 0, 28, 14 }
           select new AdaptiveQuantileSettings(window, gamma, scale),
    ];

    /// <summary>Short text, e.g. "window 28 d, γ 0.005, scaled".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"window {(WindowDays == 0 ? "all" : WindowDays + " d")}, γ {Gamma:0.###}, {(ScaleByForecast ? "scaled by the forecast level" : "unscaled")}");
}

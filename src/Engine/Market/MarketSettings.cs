namespace Sems.Engine.Market;

/// <summary>The market coordinator's options (a community file's <c>market</c> block).</summary>
/// <param name="Mechanism">SDR pricing (default) or a pay-as-clear double auction.</param>
/// <param name="ThresholdCurrency">Convergence: the community's cost reduction between two iterations below this, currency, &gt; 0.</param>
/// <param name="MaxIterations">The most iterations before non-convergence is reported, ≥ 1.</param>
/// <param name="Damping">Weight of the newly computed prices against the previous ones, in (0, 1]; 1 = no damping.</param>
/// <param name="OnMissing">What to do with a prosumer that does not answer within <paramref name="ResponseTimeout"/>.</param>
/// <param name="ResponseTimeout">How long the coordinator waits for the answers of one iteration.</param>
public sealed record MarketSettings(
    MarketMechanism Mechanism,
    double ThresholdCurrency,
    int MaxIterations,
    double Damping,
    MissingProsumerPolicy OnMissing,
    TimeSpan ResponseTimeout)
{
    /// <summary>
    /// Convergence also needs every price to have moved by less than this between the two iterations, currency/kWh,
    /// &gt; 0 (default <see cref="DefaultPriceTolerancePerKwh"/>), so a run cannot stop on one flat iteration while the
    /// prices are still travelling.
    /// </summary>
    public double PriceTolerancePerKwh { get; init; } = DefaultPriceTolerancePerKwh;

    /// <summary>The default <see cref="PriceTolerancePerKwh"/>, currency/kWh.</summary>
    public const double DefaultPriceTolerancePerKwh = 1e-4;

    /// <summary>SDR, 0.01 currency, 30 iterations, damping 0.5, settle without a missing prosumer after 30 s.</summary>
    public static MarketSettings Default { get; } = new(MarketMechanism.Sdr, 0.01, 30, 0.5, MissingProsumerPolicy.SettleWithout, TimeSpan.FromSeconds(30));
}

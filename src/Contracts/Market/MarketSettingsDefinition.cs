namespace Sems.Contracts.Market;

/// <summary>The market coordinator's options as the grains receive them (a community file's <c>market</c> block).</summary>
/// <param name="Mechanism">"sdr" (supply–demand-ratio pricing) or "auction" (a pay-as-clear double auction per step).</param>
/// <param name="ThresholdCurrency">Convergence: the community's cost reduction between two iterations below this, currency, &gt; 0.</param>
/// <param name="MaxIterations">The most iterations before non-convergence is reported, ≥ 1.</param>
/// <param name="Damping">Weight of the newly computed prices against the previous ones, in (0, 1].</param>
/// <param name="OnMissing">"settleWithout" or "wait": what to do with a prosumer that does not answer in time.</param>
/// <param name="ResponseTimeout">How long the coordinator waits for the answers of one iteration.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketSettingsDefinition")]
public sealed record MarketSettingsDefinition(
    [property: Id(0)] string Mechanism,
    [property: Id(1)] double ThresholdCurrency,
    [property: Id(2)] int MaxIterations,
    [property: Id(3)] double Damping,
    [property: Id(4)] string OnMissing,
    [property: Id(5)] TimeSpan ResponseTimeout);

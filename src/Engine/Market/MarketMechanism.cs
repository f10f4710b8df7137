namespace Sems.Engine.Market;

/// <summary>How the market coordinator turns the prosumers' schedules into prices.</summary>
public enum MarketMechanism
{
    /// <summary>Supply–demand-ratio pricing (Liu et al. 2017), <see cref="SdrPricing"/>.</summary>
    Sdr,

    /// <summary>A pay-as-clear double auction per step, <see cref="DoubleAuction"/>.</summary>
    Auction,
}

namespace Sems.Adapters.Kafka;

/// <summary>The three messages of the market's wire contract (one JSON Schema each under <c>schemas/market/</c>).</summary>
public enum MarketMessageKind
{
    /// <summary><c>sems.market.prices/1</c>: coordinator → one prosumer, the prices of one iteration.</summary>
    Prices,

    /// <summary><c>sems.market.schedule/1</c>: prosumer → coordinator, its schedule at those prices.</summary>
    Schedule,

    /// <summary><c>sems.market.settlement/1</c>: coordinator → everyone, how the run ended and who gets or pays what.</summary>
    Settlement,
}

namespace Sems.Engine.Market;

/// <summary>A bid (to buy) or an offer (to sell) in one step's double auction.</summary>
/// <param name="Id">The participant's id, unique on its side of the auction; ties at equal prices are broken by it (ordinal).</param>
/// <param name="QuantityKwh">The most energy it will buy or sell, kWh, ≥ 0.</param>
/// <param name="LimitPerKwh">A bid's highest or an offer's lowest acceptable price, currency/kWh, finite.</param>
public sealed record MarketOrder(string Id, double QuantityKwh, double LimitPerKwh);

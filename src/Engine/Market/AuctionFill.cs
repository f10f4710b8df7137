namespace Sems.Engine.Market;

/// <summary>What one order got in a double auction.</summary>
/// <param name="Id">The order's participant id.</param>
/// <param name="QuantityKwh">Energy bought (a bid) or sold (an offer) at the clearing price, kWh, between 0 and the order's quantity.</param>
public sealed record AuctionFill(string Id, double QuantityKwh);

namespace Sems.Engine.Market;

/// <summary>One prosumer's line of a step's settlement.</summary>
/// <param name="Id">The prosumer's id.</param>
/// <param name="NetKwh">Its net position, kWh (+ surplus, − deficit).</param>
/// <param name="PeerKwh">Energy it traded with peers, kWh (sold if a seller, bought if a buyer), ≥ 0: its pro-rata share of min(surplus, deficit).</param>
/// <param name="GridKwh">The rest of its position, traded with the grid, kWh, ≥ 0.</param>
/// <param name="PricePerKwh">The internal price of its side: P_sell for a seller, P_buy for a buyer, currency/kWh; 0 with no position.</param>
/// <param name="AmountCents">Money it receives (+, a seller) or pays (−, a buyer), whole cents: |NetKwh| × price rounded half-even.</param>
public sealed record ProsumerSettlement(string Id, double NetKwh, double PeerKwh, double GridKwh, double PricePerKwh, long AmountCents);

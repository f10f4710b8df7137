namespace Sems.Adapters.Kafka;

/// <summary>One prosumer's line of a settlement message, over the whole horizon.</summary>
/// <param name="ProsumerId">Who.</param>
/// <param name="ImportKwh">Energy it bought (its deficits), kWh ≥ 0.</param>
/// <param name="ExportKwh">Energy it sold (its surpluses), kWh ≥ 0.</param>
/// <param name="PeerKwh">Of that, traded with peers, kWh ≥ 0.</param>
/// <param name="GridKwh">Of that, traded with the grid, kWh ≥ 0.</param>
/// <param name="AmountCents">Money it receives (+) or pays (−), whole cents.</param>
public sealed record SettlementLine(string ProsumerId, double ImportKwh, double ExportKwh, double PeerKwh, double GridKwh, long AmountCents);

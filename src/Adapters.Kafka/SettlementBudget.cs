namespace Sems.Adapters.Kafka;

/// <summary>A settlement's totals over the horizon: the buyers' payments equal the sellers' earnings plus the grid's net, to the cent.</summary>
/// <param name="BuyersPayCents">Σ of the buyers' payments, cents ≥ 0.</param>
/// <param name="SellersEarnCents">Σ of the sellers' earnings, cents ≥ 0.</param>
/// <param name="GridPaidCents">Paid to the grid, cents ≥ 0.</param>
/// <param name="GridPaysCents">Paid by the grid, cents ≥ 0.</param>
/// <param name="PeerTradedKwh">Energy traded between prosumers, kWh ≥ 0.</param>
/// <param name="Balanced">Whether every step and the horizon close to the cent.</param>
public sealed record SettlementBudget(long BuyersPayCents, long SellersEarnCents, long GridPaidCents, long GridPaysCents, double PeerTradedKwh, bool Balanced);

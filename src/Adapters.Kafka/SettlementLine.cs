namespace Sems.Adapters.Kafka;

/// <summary>One settled prosumer's line of a settlement message, over the whole horizon.</summary>
/// <param name="ProsumerId">Who.</param>
/// <param name="BoughtKwh">Σ of its deficits, kWh ≥ 0.</param>
/// <param name="SoldKwh">Σ of its surpluses, kWh ≥ 0.</param>
/// <param name="PeerBoughtKwh">The part of <paramref name="BoughtKwh"/> that came from peers, kWh.</param>
/// <param name="PeerSoldKwh">The part of <paramref name="SoldKwh"/> that went to peers, kWh.</param>
/// <param name="GridBoughtKwh">The part of <paramref name="BoughtKwh"/> that came from the grid, kWh.</param>
/// <param name="GridSoldKwh">The part of <paramref name="SoldKwh"/> that went to the grid, kWh.</param>
/// <param name="PaidCents">Σ of what it paid as a buyer, cents ≥ 0.</param>
/// <param name="EarnedCents">Σ of what it earned as a seller, cents ≥ 0.</param>
/// <param name="BillCents">Its net bill, paid − earned, cents (negative when it earns more).</param>
/// <param name="BaselineBillCents">Its bill alone with the grid at its tariffs, cents.</param>
/// <param name="SavingsCents">Baseline bill − bill: what the market saved it, cents.</param>
public sealed record SettlementLine(
    string ProsumerId,
    double BoughtKwh,
    double SoldKwh,
    double PeerBoughtKwh,
    double PeerSoldKwh,
    double GridBoughtKwh,
    double GridSoldKwh,
    long PaidCents,
    long EarnedCents,
    long BillCents,
    long BaselineBillCents,
    long SavingsCents);

namespace Sems.Engine.Market;

/// <summary>One prosumer's totals over the horizon of a market settlement.</summary>
/// <param name="ProsumerId">Who.</param>
/// <param name="PaidCents">Σ of what it paid as a buyer, cents, ≥ 0.</param>
/// <param name="EarnedCents">Σ of what it earned as a seller, cents, ≥ 0.</param>
/// <param name="BoughtKwh">Σ of its deficits, kWh.</param>
/// <param name="SoldKwh">Σ of its surpluses, kWh.</param>
/// <param name="PeerBoughtKwh">The part of <paramref name="BoughtKwh"/> that came from peers, kWh.</param>
/// <param name="PeerSoldKwh">The part of <paramref name="SoldKwh"/> that went to peers, kWh.</param>
/// <param name="GridBoughtKwh">The part of <paramref name="BoughtKwh"/> that came from the grid, kWh.</param>
/// <param name="GridSoldKwh">The part of <paramref name="SoldKwh"/> that went to the grid, kWh.</param>
public sealed record ProsumerBill(
    string ProsumerId,
    long PaidCents,
    long EarnedCents,
    double BoughtKwh,
    double SoldKwh,
    double PeerBoughtKwh,
    double PeerSoldKwh,
    double GridBoughtKwh,
    double GridSoldKwh)
{
    /// <summary>Its net bill, cents: paid − earned (negative when it earns more than it pays).</summary>
    public long BillCents => PaidCents - EarnedCents;
}

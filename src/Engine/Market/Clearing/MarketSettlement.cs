namespace Sems.Engine.Market;

/// <summary>The money of a market run: every step's lines, every prosumer's totals and the budget check.</summary>
/// <param name="Mechanism">How the steps were priced.</param>
/// <param name="Steps">One settlement per step.</param>
/// <param name="Prosumers">One bill per settled prosumer, in the community's order (missing prosumers are not settled).</param>
/// <param name="BuyersPayCents">Σ over steps of the buyers' payments, cents.</param>
/// <param name="SellersEarnCents">Σ over steps of the sellers' earnings, cents.</param>
/// <param name="GridPaidCents">Σ over steps of what the grid is paid, cents.</param>
/// <param name="GridPaysCents">Σ over steps of what the grid pays, cents.</param>
/// <param name="PeerTradedKwh">Σ over steps of the energy traded between prosumers, kWh.</param>
/// <param name="BudgetBalanced">
/// Whether, summed again from the prosumers' lines, every step and the horizon close to the cent:
/// buyers pay = sellers earn + grid paid − grid pays, and each step's totals are the sums of its lines.
/// </param>
public sealed record MarketSettlement(
    MarketMechanism Mechanism,
    IReadOnlyList<MarketStepSettlement> Steps,
    IReadOnlyList<ProsumerBill> Prosumers,
    long BuyersPayCents,
    long SellersEarnCents,
    long GridPaidCents,
    long GridPaysCents,
    double PeerTradedKwh,
    bool BudgetBalanced);

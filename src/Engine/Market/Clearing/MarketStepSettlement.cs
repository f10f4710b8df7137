namespace Sems.Engine.Market;

/// <summary>
/// The settlement of one step of the final schedules: every prosumer's line in whole cents and the grid's line that
/// closes the budget, Σ buyers' payments = Σ sellers' earnings + paid to the grid − paid by the grid.
/// </summary>
/// <param name="Step">The step, 0 first.</param>
/// <param name="BuyPerKwh">What a buyer pays per kWh of deficit in this step, currency/kWh (SDR: P_buy; auction: the clearing price).</param>
/// <param name="SellPerKwh">What a seller earns per kWh of surplus, currency/kWh (SDR: P_sell; auction: the clearing price).</param>
/// <param name="PeerTradedKwh">Energy traded between prosumers, kWh: min(surplus, deficit).</param>
/// <param name="GridImportKwh">Deficit covered by the grid, kWh.</param>
/// <param name="GridExportKwh">Surplus taken by the grid, kWh.</param>
/// <param name="Lines">One line per settled prosumer, in the community's order: its energy split between peers and the grid and its money (+ received, − paid), cents.</param>
/// <param name="BuyersPayCents">Σ of the buyers' payments, cents.</param>
/// <param name="SellersEarnCents">Σ of the sellers' earnings, cents.</param>
/// <param name="GridPaidCents">Paid to the grid, cents, ≥ 0.</param>
/// <param name="GridPaysCents">Paid by the grid, cents, ≥ 0.</param>
/// <param name="Sdr">The SDR settlement it came from (SDR mechanism); null for the auction.</param>
/// <param name="Auction">The auction it came from (auction mechanism); null for SDR.</param>
public sealed record MarketStepSettlement(
    int Step,
    double BuyPerKwh,
    double SellPerKwh,
    double PeerTradedKwh,
    double GridImportKwh,
    double GridExportKwh,
    IReadOnlyList<ProsumerSettlement> Lines,
    long BuyersPayCents,
    long SellersEarnCents,
    long GridPaidCents,
    long GridPaysCents,
    SdrSettlement? Sdr,
    AuctionResult? Auction);

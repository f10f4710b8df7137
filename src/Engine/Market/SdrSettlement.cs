namespace Sems.Engine.Market;

/// <summary>
/// The settlement of one step under supply–demand-ratio pricing. Buyers pay P_buy on their whole deficit and sellers
/// earn P_sell on their whole surplus; P_buy is all in, blending the peers' energy at P_sell with the grid's at λ_b,
/// so the community's books close with the grid: when SDR ≤ 1 the grid is paid λ_b·(deficit − surplus), when SDR &gt; 1
/// it pays λ_s·(surplus − deficit).
/// <para>Money is computed in decimal from the kWh and the prices and rounded half-even to whole cents on every
/// prosumer's line. The grid's line is not rounded on its own: it is whatever closes the budget,
/// Σ buyers' payments = Σ sellers' earnings + paid to the grid − paid by the grid, exactly in cents;
/// <see cref="GridRemainderCents"/> says how far that is from the grid's own amount rounded alone.</para>
/// </summary>
/// <param name="Price">The step's SDR and prices.</param>
/// <param name="SurplusKwh">Total surplus, kWh.</param>
/// <param name="DeficitKwh">Total deficit, kWh.</param>
/// <param name="PeerTradedKwh">min(surplus, deficit), kWh: energy exchanged between prosumers.</param>
/// <param name="GridImportKwh">Deficit the grid covers, max(0, deficit − surplus), kWh.</param>
/// <param name="GridExportKwh">Surplus the grid takes, max(0, surplus − deficit), kWh.</param>
/// <param name="Prosumers">One line per prosumer, in input order.</param>
/// <param name="BuyersPayCents">Σ of the buyers' payments, cents, ≥ 0.</param>
/// <param name="SellersEarnCents">Σ of the sellers' earnings, cents, ≥ 0.</param>
/// <param name="GridPaidCents">Paid to the grid (retail for the import), cents, ≥ 0.</param>
/// <param name="GridPaysCents">Paid by the grid (feed-in for the export), cents, ≥ 0.</param>
/// <param name="GridRemainderCents">(GridPaidCents − GridPaysCents) minus the grid's exact net amount rounded half-even alone: the rounding cents the grid's line absorbs.</param>
public sealed record SdrSettlement(
    SdrPrice Price,
    double SurplusKwh,
    double DeficitKwh,
    double PeerTradedKwh,
    double GridImportKwh,
    double GridExportKwh,
    IReadOnlyList<ProsumerSettlement> Prosumers,
    long BuyersPayCents,
    long SellersEarnCents,
    long GridPaidCents,
    long GridPaysCents,
    long GridRemainderCents);

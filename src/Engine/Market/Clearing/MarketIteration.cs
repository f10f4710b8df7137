namespace Sems.Engine.Market;

/// <summary>One line of the coordinator's trace: the prices one iteration sent and what the answers add up to.</summary>
/// <param name="Iteration">0 = the baseline at the grid's tariffs, then 1, 2, …</param>
/// <param name="BuyPerKwh">The import price sent per step, currency/kWh.</param>
/// <param name="SellPerKwh">The export price sent per step, currency/kWh.</param>
/// <param name="Damping">The weight d of the newly computed prices per step in this iteration (1 at iteration 0).</param>
/// <param name="CommunityCost">Σ over the prosumers who answered of their cost at the prices sent: Σ_t Δt·(buy·import − sell·export) + discomfort, currency.</param>
/// <param name="CostChange">CommunityCost minus the previous iteration's, over the prosumers who answered both, currency; null at iteration 0.</param>
/// <param name="PeerTradedKwh">Σ_t Δt·min(surplus, deficit) of the answers: energy the members could trade among themselves, kWh.</param>
/// <param name="GridImportKwh">Σ_t Δt·max(0, deficit − surplus): the community's net draw from the grid, kWh.</param>
/// <param name="GridExportKwh">Σ_t Δt·max(0, surplus − deficit): the community's net feed-in, kWh.</param>
/// <param name="MaxPriceChangePerKwh">The largest |price − previous price| over steps and both sides, currency/kWh; 0 at iteration 0.</param>
/// <param name="Answered">How many prosumers answered with a valid schedule.</param>
public sealed record MarketIteration(
    int Iteration,
    IReadOnlyList<double> BuyPerKwh,
    IReadOnlyList<double> SellPerKwh,
    IReadOnlyList<double> Damping,
    double CommunityCost,
    double? CostChange,
    double PeerTradedKwh,
    double GridImportKwh,
    double GridExportKwh,
    double MaxPriceChangePerKwh,
    int Answered);

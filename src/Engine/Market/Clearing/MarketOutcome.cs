namespace Sems.Engine.Market;

/// <summary>The result of a market run (see <see cref="MarketCoordinator"/> and docs/market.md).</summary>
/// <param name="Converged">Whether the iteration met the convergence rule (cost change below the threshold and prices settled).</param>
/// <param name="StopReason">Why the iteration stopped, for operators, with its numbers and units.</param>
/// <param name="Mechanism">How prices were formed.</param>
/// <param name="Iterations">The last market iteration run (the baseline is iteration 0).</param>
/// <param name="Trace">One line per iteration, 0 first.</param>
/// <param name="Baseline">The iteration-0 schedules at the grid's tariffs (each prosumer alone), of the prosumers that answered it.</param>
/// <param name="Final">The settled schedules (the last iteration's answers after the DSO step), in the community's order.</param>
/// <param name="FinalBuyPerKwh">The import prices of the last iteration, per step, currency/kWh.</param>
/// <param name="FinalSellPerKwh">The export prices of the last iteration, per step, currency/kWh.</param>
/// <param name="PriceResidualPerKwh">The largest |price of the final market schedules − final price sent| over steps and sides, currency/kWh: near 0 at a fixed point.</param>
/// <param name="Missing">The prosumers left out of the market (no answer, a failure, an invalid schedule), each with its problem; their energy is theirs with the grid at its tariffs.</param>
/// <param name="Settlement">The money of the settled schedules.</param>
/// <param name="Kpis">Individual and collective benefit against the baseline.</param>
/// <param name="Grid">The DSO step and the nodes' flows against their limits.</param>
public sealed record MarketOutcome(
    bool Converged,
    string StopReason,
    MarketMechanism Mechanism,
    int Iterations,
    IReadOnlyList<MarketIteration> Trace,
    IReadOnlyList<ProsumerSchedule> Baseline,
    IReadOnlyList<ProsumerSchedule> Final,
    IReadOnlyList<double> FinalBuyPerKwh,
    IReadOnlyList<double> FinalSellPerKwh,
    double PriceResidualPerKwh,
    IReadOnlyList<ProsumerReply> Missing,
    MarketSettlement Settlement,
    MarketKpis Kpis,
    MarketGridReport Grid);

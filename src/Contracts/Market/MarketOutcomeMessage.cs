namespace Sems.Contracts.Market;

/// <summary>
/// The outcome of one market run as the coordinator grain reports it: whether the price loop converged and why it
/// stopped, the trace per iteration, the settled prices and trades per step, every prosumer's bill with and without
/// the market, the community's totals, the grid nodes against their limits and who was left out.
/// </summary>
/// <param name="Community">The community's name.</param>
/// <param name="Title">Its heading; null = the name.</param>
/// <param name="Currency">ISO 4217 code; null = "currency units".</param>
/// <param name="Start">When step 0 begins; null when the file gives none.</param>
/// <param name="StepMinutes">Δt, minutes.</param>
/// <param name="Mechanism">"sdr" or "auction".</param>
/// <param name="Converged">Whether the price loop converged.</param>
/// <param name="StopReason">Why it stopped, for operators, with its numbers and units.</param>
/// <param name="Iterations">The last iteration run (the baseline is iteration 0).</param>
/// <param name="PriceResidualPerKwh">The largest |price of the final schedules − final price sent|, currency/kWh: near 0 at a fixed point.</param>
/// <param name="Trace">One entry per iteration, 0 first.</param>
/// <param name="Steps">The settled market per step.</param>
/// <param name="Prosumers">Every settled prosumer, in the community's order.</param>
/// <param name="Totals">The community's totals.</param>
/// <param name="Grid">The DSO step and every node against its limits.</param>
/// <param name="Missing">Prosumers left out, with the reason; their energy is theirs with the grid at its tariffs.</param>
/// <param name="Budget">The settlement's money.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketOutcomeMessage")]
public sealed record MarketOutcomeMessage(
    [property: Id(0)] string Community,
    [property: Id(1)] string? Title,
    [property: Id(2)] string? Currency,
    [property: Id(3)] DateTimeOffset? Start,
    [property: Id(4)] int StepMinutes,
    [property: Id(5)] string Mechanism,
    [property: Id(6)] bool Converged,
    [property: Id(7)] string StopReason,
    [property: Id(8)] int Iterations,
    [property: Id(9)] double PriceResidualPerKwh,
    [property: Id(10)] MarketIterationMessage[] Trace,
    [property: Id(11)] MarketStepMessage[] Steps,
    [property: Id(12)] ProsumerOutcomeMessage[] Prosumers,
    [property: Id(13)] MarketTotalsMessage Totals,
    [property: Id(14)] MarketGridMessage Grid,
    [property: Id(15)] MissingProsumerMessage[] Missing,
    [property: Id(16)] MarketBudgetMessage Budget);

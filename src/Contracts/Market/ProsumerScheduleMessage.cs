namespace Sems.Contracts.Market;

/// <summary>A prosumer's answer to one iteration's prices: its least-cost exchange with the market per step.</summary>
/// <param name="ProsumerId">Whose schedule it is.</param>
/// <param name="Iteration">The iteration it answers.</param>
/// <param name="ImportKw">Power imported at its meter per step, kW ≥ 0.</param>
/// <param name="ExportKw">Power exported at its meter per step, kW ≥ 0.</param>
/// <param name="EnergyCost">Σ_t Δt·(buy·import − sell·export) at the prices sent, currency.</param>
/// <param name="DiscomfortCost">Σ of its flexible loads' delay costs, currency.</param>
[GenerateSerializer, Immutable, Alias("sems.market.ProsumerScheduleMessage")]
public sealed record ProsumerScheduleMessage(
    [property: Id(0)] string ProsumerId,
    [property: Id(1)] int Iteration,
    [property: Id(2)] double[] ImportKw,
    [property: Id(3)] double[] ExportKw,
    [property: Id(4)] double EnergyCost,
    [property: Id(5)] double DiscomfortCost);

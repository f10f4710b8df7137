namespace Sems.Contracts.Market;

/// <summary>What the market coordinator sends one prosumer grain in one iteration: the prices it faces and any caps the grid's limits put on it.</summary>
/// <param name="ProsumerId">Who it is for.</param>
/// <param name="Iteration">The iteration, 0 first (0 carries the grid's own tariffs: the no-market baseline).</param>
/// <param name="StepMinutes">Δt of one step, minutes (the prices are per kWh, the schedule per step).</param>
/// <param name="BuyPerKwh">What a kWh imported costs it per step, currency/kWh.</param>
/// <param name="SellPerKwh">What a kWh exported earns it per step, currency/kWh.</param>
/// <param name="ImportCapKw">A tighter import limit per step from the grid nodes' limits, kW; null = its connection's own.</param>
/// <param name="ExportCapKw">A tighter export limit per step from the grid nodes' limits, kW; null = its connection's own.</param>
[GenerateSerializer, Immutable, Alias("sems.market.ProsumerRequestMessage")]
public sealed record ProsumerRequestMessage(
    [property: Id(0)] string ProsumerId,
    [property: Id(1)] int Iteration,
    [property: Id(2)] int StepMinutes,
    [property: Id(3)] double[] BuyPerKwh,
    [property: Id(4)] double[] SellPerKwh,
    [property: Id(5)] double[]? ImportCapKw,
    [property: Id(6)] double[]? ExportCapKw);

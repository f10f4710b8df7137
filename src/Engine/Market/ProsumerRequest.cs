namespace Sems.Engine.Market;

/// <summary>What the market coordinator sends one prosumer in one iteration: the prices it faces and any caps the grid's limits put on it.</summary>
/// <param name="ProsumerId">Who it is for.</param>
/// <param name="Iteration">The iteration, 0 first (0 carries the grid's own tariffs: the no-market baseline).</param>
/// <param name="BuyPerKwh">What a kWh imported costs it per step, currency/kWh.</param>
/// <param name="SellPerKwh">What a kWh exported earns it per step, currency/kWh, ≤ <paramref name="BuyPerKwh"/>.</param>
/// <param name="ImportCapKw">A tighter import limit per step from the grid nodes' limits, kW; null = its connection's own.</param>
/// <param name="ExportCapKw">A tighter export limit per step from the grid nodes' limits, kW; null = its connection's own.</param>
public sealed record ProsumerRequest(
    string ProsumerId,
    int Iteration,
    IReadOnlyList<double> BuyPerKwh,
    IReadOnlyList<double> SellPerKwh,
    IReadOnlyList<double>? ImportCapKw,
    IReadOnlyList<double>? ExportCapKw);

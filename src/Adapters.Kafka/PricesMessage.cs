namespace Sems.Adapters.Kafka;

/// <summary>
/// <c>sems.market.prices/1</c> (<c>schemas/market/prices.schema.json</c>): what the coordinator sends one prosumer in one
/// iteration of one run, on <c>{prefix}.prices.v1</c> keyed by the prosumer's id.
/// </summary>
/// <param name="Schema">Always <see cref="Name"/>.</param>
/// <param name="RunId">The coordinator's run; the answer must carry it.</param>
/// <param name="Market">The community's name.</param>
/// <param name="ProsumerId">Who the prices are for.</param>
/// <param name="Iteration">The iteration, 0 first (the grid's own tariffs).</param>
/// <param name="Steps">The number of market intervals; every array has this many items.</param>
/// <param name="StepMinutes">Length of one interval, minutes.</param>
/// <param name="Start">When step 0 begins; null when the community names none.</param>
/// <param name="Currency">ISO 4217 code of the prices; null = currency units.</param>
/// <param name="BuyPerKwh">What a kWh imported costs per step, currency/kWh.</param>
/// <param name="SellPerKwh">What a kWh exported earns per step, currency/kWh.</param>
/// <param name="ImportCapKw">A tighter import limit per step, kW; null = the connection's own.</param>
/// <param name="ExportCapKw">A tighter export limit per step, kW; null = the connection's own.</param>
/// <param name="Deadline">When the coordinator stops waiting for the answer; null = it waits.</param>
public sealed record PricesMessage(
    string Schema,
    string RunId,
    string Market,
    string ProsumerId,
    int Iteration,
    int Steps,
    int StepMinutes,
    DateTimeOffset? Start,
    string? Currency,
    IReadOnlyList<double> BuyPerKwh,
    IReadOnlyList<double> SellPerKwh,
    IReadOnlyList<double>? ImportCapKw,
    IReadOnlyList<double>? ExportCapKw,
    DateTimeOffset? Deadline)
{
    /// <summary>The message's name and major version, in its <c>schema</c> field and Kafka header.</summary>
    public const string Name = "sems.market.prices/1";
}

namespace Sems.Contracts.Market;

/// <summary>One prosumer's result of a market run: its bill with and without the market, its KPIs and its final schedule.</summary>
/// <param name="ProsumerId">Who.</param>
/// <param name="Kind">What it is ("dwelling", "tertiary", …).</param>
/// <param name="Node">The grid node it is connected to; null for the root.</param>
/// <param name="BaselineBillCents">Its bill alone against the grid's tariffs (iteration 0's schedule), cents; + pays, − earns.</param>
/// <param name="MarketBillCents">Its bill in the settled market, cents; + pays, − earns.</param>
/// <param name="SavingsCents">Baseline bill − market bill, cents.</param>
/// <param name="SelfSufficiency">Share of its consumption not imported from the grid (own PV and battery, or peers), 0–1.</param>
/// <param name="SelfConsumption">Share of its PV used within the community (not exported to the grid), 0–1.</param>
/// <param name="PeerBoughtKwh">Energy it bought from peers, kWh.</param>
/// <param name="PeerSoldKwh">Energy it sold to peers, kWh.</param>
/// <param name="PeakImportKw">Its highest import at the meter, kW.</param>
/// <param name="PeakExportKw">Its highest export at the meter, kW.</param>
/// <param name="ImportKw">Its final schedule's import per step, kW; empty when it is missing.</param>
/// <param name="ExportKw">Its final schedule's export per step, kW; empty when it is missing.</param>
/// <param name="DiscomfortCost">Its flexible loads' delay cost in the final schedule, currency.</param>
[GenerateSerializer, Immutable, Alias("sems.market.ProsumerOutcomeMessage")]
public sealed record ProsumerOutcomeMessage(
    [property: Id(0)] string ProsumerId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Node,
    [property: Id(3)] long BaselineBillCents,
    [property: Id(4)] long MarketBillCents,
    [property: Id(5)] long SavingsCents,
    [property: Id(6)] double SelfSufficiency,
    [property: Id(7)] double SelfConsumption,
    [property: Id(8)] double PeerBoughtKwh,
    [property: Id(9)] double PeerSoldKwh,
    [property: Id(10)] double PeakImportKw,
    [property: Id(11)] double PeakExportKw,
    [property: Id(12)] double[] ImportKw,
    [property: Id(13)] double[] ExportKw,
    [property: Id(14)] double DiscomfortCost);

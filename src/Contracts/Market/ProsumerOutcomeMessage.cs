namespace Sems.Contracts.Market;

/// <summary>One settled prosumer's result of a market run: its bill with and without the market, its KPIs and its schedules.</summary>
/// <param name="ProsumerId">Who.</param>
/// <param name="Kind">What it is ("dwelling", "tertiary", …).</param>
/// <param name="Node">The grid node it is connected to; null for the root.</param>
/// <param name="BaselineBillCents">Its bill alone against the grid's tariffs (iteration 0's schedule), cents; + pays, − earns.</param>
/// <param name="MarketBillCents">Its bill in the settled market, cents; + pays, − earns.</param>
/// <param name="SavingsCents">Baseline bill − market bill, cents.</param>
/// <param name="PaidCents">What it paid as a buyer in the market, cents.</param>
/// <param name="EarnedCents">What it earned as a seller in the market, cents.</param>
/// <param name="BaselineSelfSufficiency">Share of its consumption not imported from the grid alone, 0–1; null when unknown.</param>
/// <param name="SelfSufficiency">The same in the market (peers' energy counts as not from the grid), 0–1; null when unknown.</param>
/// <param name="BaselineSelfConsumption">Share of its PV not exported to the grid alone, 0–1; null without PV.</param>
/// <param name="SelfConsumption">The same in the market (sales to peers stay in the community), 0–1; null without PV.</param>
/// <param name="PeerBoughtKwh">Energy it bought from peers, kWh.</param>
/// <param name="PeerSoldKwh">Energy it sold to peers, kWh.</param>
/// <param name="GridBoughtKwh">Energy it bought that came from the grid, kWh.</param>
/// <param name="GridSoldKwh">Energy it sold that went to the grid, kWh.</param>
/// <param name="PeakImportKw">Its largest import in the final schedule, kW.</param>
/// <param name="PeakExportKw">Its largest export in the final schedule, kW.</param>
/// <param name="BaselineDiscomfortCost">Its flexible loads' delay cost alone, currency.</param>
/// <param name="MarketDiscomfortCost">The same in the final schedule, currency.</param>
/// <param name="ImportKw">Its final schedule's import per step, kW.</param>
/// <param name="ExportKw">Its final schedule's export per step, kW.</param>
[GenerateSerializer, Immutable, Alias("sems.market.ProsumerOutcomeMessage")]
public sealed record ProsumerOutcomeMessage(
    [property: Id(0)] string ProsumerId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Node,
    [property: Id(3)] long BaselineBillCents,
    [property: Id(4)] long MarketBillCents,
    [property: Id(5)] long SavingsCents,
    [property: Id(6)] long PaidCents,
    [property: Id(7)] long EarnedCents,
    [property: Id(8)] double? BaselineSelfSufficiency,
    [property: Id(9)] double? SelfSufficiency,
    [property: Id(10)] double? BaselineSelfConsumption,
    [property: Id(11)] double? SelfConsumption,
    [property: Id(12)] double PeerBoughtKwh,
    [property: Id(13)] double PeerSoldKwh,
    [property: Id(14)] double GridBoughtKwh,
    [property: Id(15)] double GridSoldKwh,
    [property: Id(16)] double PeakImportKw,
    [property: Id(17)] double PeakExportKw,
    [property: Id(18)] double BaselineDiscomfortCost,
    [property: Id(19)] double MarketDiscomfortCost,
    [property: Id(20)] double[] ImportKw,
    [property: Id(21)] double[] ExportKw);

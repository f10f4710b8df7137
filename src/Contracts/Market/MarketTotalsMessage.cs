namespace Sems.Contracts.Market;

/// <summary>The community's totals of a market run against its no-market baseline (sums over the settled prosumers).</summary>
/// <param name="BaselineBillCents">Σ of the prosumers' bills alone against the grid, cents.</param>
/// <param name="MarketBillCents">Σ of their bills in the settled market, cents (the community's bill with the grid).</param>
/// <param name="SavingsCents">Baseline − market, cents.</param>
/// <param name="BaselineSelfSufficiency">1 − Σ grid import / Σ consumption alone, 0–1; null when no consumption is known.</param>
/// <param name="SelfSufficiency">The same in the market, 0–1; null when no consumption is known.</param>
/// <param name="BaselineSelfConsumption">1 − Σ grid export / Σ PV alone, 0–1; null without PV.</param>
/// <param name="SelfConsumption">The same in the market, 0–1; null without PV.</param>
/// <param name="PeerTradedKwh">Energy traded between prosumers, kWh.</param>
/// <param name="GridImportKwh">The community's net import from the grid in the market, kWh.</param>
/// <param name="GridExportKwh">Its net export to the grid in the market, kWh.</param>
/// <param name="BaselineGridImportKwh">Σ of the prosumers' imports alone, kWh.</param>
/// <param name="BaselineGridExportKwh">Σ of their exports alone, kWh.</param>
/// <param name="PeakImportKw">The community's largest net import in a step of the final schedules, kW.</param>
/// <param name="PeakExportKw">Its largest net export, kW.</param>
/// <param name="BaselinePeakImportKw">The same for the baseline schedules, kW.</param>
/// <param name="BaselinePeakExportKw">The same for the baseline schedules, kW.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketTotalsMessage")]
public sealed record MarketTotalsMessage(
    [property: Id(0)] long BaselineBillCents,
    [property: Id(1)] long MarketBillCents,
    [property: Id(2)] long SavingsCents,
    [property: Id(3)] double? BaselineSelfSufficiency,
    [property: Id(4)] double? SelfSufficiency,
    [property: Id(5)] double? BaselineSelfConsumption,
    [property: Id(6)] double? SelfConsumption,
    [property: Id(7)] double PeerTradedKwh,
    [property: Id(8)] double GridImportKwh,
    [property: Id(9)] double GridExportKwh,
    [property: Id(10)] double BaselineGridImportKwh,
    [property: Id(11)] double BaselineGridExportKwh,
    [property: Id(12)] double PeakImportKw,
    [property: Id(13)] double PeakExportKw,
    [property: Id(14)] double BaselinePeakImportKw,
    [property: Id(15)] double BaselinePeakExportKw);

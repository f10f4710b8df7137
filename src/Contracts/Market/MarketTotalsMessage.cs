namespace Sems.Contracts.Market;

/// <summary>The community's totals of a market run against its no-market baseline.</summary>
/// <param name="BaselineBillCents">Σ of the prosumers' bills alone against the grid, cents.</param>
/// <param name="MarketBillCents">Σ of their bills in the settled market, cents.</param>
/// <param name="SavingsCents">Baseline − market, cents.</param>
/// <param name="SelfSufficiency">Share of the community's consumption not imported from the grid, 0–1.</param>
/// <param name="SelfConsumption">Share of the community's PV used within it, 0–1.</param>
/// <param name="PeerTradedKwh">Energy traded between prosumers, kWh.</param>
/// <param name="GridImportKwh">Energy drawn from the grid, kWh.</param>
/// <param name="GridExportKwh">Energy fed back into the grid, kWh.</param>
/// <param name="PeakImportKw">The community's highest net import, kW.</param>
/// <param name="PeakExportKw">The community's highest net export, kW.</param>
[GenerateSerializer, Immutable, Alias("sems.market.MarketTotalsMessage")]
public sealed record MarketTotalsMessage(
    [property: Id(0)] long BaselineBillCents,
    [property: Id(1)] long MarketBillCents,
    [property: Id(2)] long SavingsCents,
    [property: Id(3)] double SelfSufficiency,
    [property: Id(4)] double SelfConsumption,
    [property: Id(5)] double PeerTradedKwh,
    [property: Id(6)] double GridImportKwh,
    [property: Id(7)] double GridExportKwh,
    [property: Id(8)] double PeakImportKw,
    [property: Id(9)] double PeakExportKw);

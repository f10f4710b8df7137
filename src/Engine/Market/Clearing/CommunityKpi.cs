namespace Sems.Engine.Market;

/// <summary>
/// The community's collective benefit from the market against the no-market baseline (every member alone against the
/// grid). Sums are over the settled prosumers; ratios use the totals of the members whose consumption or PV is known.
/// </summary>
/// <param name="BaselineBillCents">Σ of the members' baseline bills, cents.</param>
/// <param name="MarketBillCents">Σ of the members' market bills, cents (= grid paid − grid pays: the community's bill with the grid).</param>
/// <param name="SavingsCents">BaselineBillCents − MarketBillCents.</param>
/// <param name="BaselineSelfSufficiency">1 − Σ baseline grid import / Σ consumption; null when no consumption is known.</param>
/// <param name="SelfSufficiency">1 − Σ market grid import / Σ consumption; null when no consumption is known.</param>
/// <param name="BaselineSelfConsumption">1 − Σ baseline grid export / Σ PV; null when no PV is known.</param>
/// <param name="SelfConsumption">1 − Σ market grid export / Σ PV; null when no PV is known.</param>
/// <param name="PeerTradedKwh">Energy traded between members over the horizon, kWh.</param>
/// <param name="GridImportKwh">The community's net import from the grid in the market, kWh.</param>
/// <param name="GridExportKwh">The community's net export to the grid in the market, kWh.</param>
/// <param name="BaselineGridImportKwh">Σ of the members' imports in the baseline, kWh (alone, every deficit comes from the grid).</param>
/// <param name="BaselineGridExportKwh">Σ of the members' exports in the baseline, kWh.</param>
/// <param name="PeakImportKw">The community's largest net import in a step of the final schedules (the root's flow), kW.</param>
/// <param name="PeakExportKw">The community's largest net export in a step, kW.</param>
/// <param name="BaselinePeakImportKw">The same for the baseline schedules, kW.</param>
/// <param name="BaselinePeakExportKw">The same for the baseline schedules, kW.</param>
public sealed record CommunityKpi(
    long BaselineBillCents,
    long MarketBillCents,
    long SavingsCents,
    double? BaselineSelfSufficiency,
    double? SelfSufficiency,
    double? BaselineSelfConsumption,
    double? SelfConsumption,
    double PeerTradedKwh,
    double GridImportKwh,
    double GridExportKwh,
    double BaselineGridImportKwh,
    double BaselineGridExportKwh,
    double PeakImportKw,
    double PeakExportKw,
    double BaselinePeakImportKw,
    double BaselinePeakExportKw);

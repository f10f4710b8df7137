namespace Sems.Engine.Market;

/// <summary>
/// One prosumer's benefit from the market against its no-market baseline (alone against the grid's tariffs, its
/// iteration-0 schedule). Definitions and formulas: docs/market.md, "KPIs".
/// </summary>
/// <param name="ProsumerId">Who.</param>
/// <param name="BaselineBillCents">Its bill alone: Σ_t of its deficit × λ_b − its surplus × λ_s, each step's line rounded half-even to cents; negative when it earns.</param>
/// <param name="MarketBillCents">Its bill in the market's settlement, cents (paid − earned).</param>
/// <param name="SavingsCents">BaselineBillCents − MarketBillCents.</param>
/// <param name="BaselineDiscomfortCost">The delay cost of its flexible loads in the baseline schedule, currency.</param>
/// <param name="MarketDiscomfortCost">The same in the final schedule, currency.</param>
/// <param name="ConsumptionKwh">Its consumption over the horizon: Σ_t Δt·load + the energy of its flexible loads' runs, kWh; null for an external prosumer (unknown).</param>
/// <param name="PvKwh">Its available PV over the horizon, kWh; null for an external prosumer.</param>
/// <param name="BaselineSelfSufficiency">1 − (energy from the grid) / consumption in the baseline, in [0, 1]; null when the consumption is unknown or 0.</param>
/// <param name="SelfSufficiency">1 − (energy from the grid, its purchases' grid share) / consumption in the market, in [0, 1]; null when unknown.</param>
/// <param name="BaselineSelfConsumption">1 − (energy sold to the grid) / PV in the baseline, in [0, 1]; null when its PV is unknown or 0.</param>
/// <param name="SelfConsumption">1 − (energy sold to the grid, its sales' grid share) / PV in the market, in [0, 1]; null when unknown.</param>
/// <param name="PeerBoughtKwh">Energy it bought from peers, kWh.</param>
/// <param name="PeerSoldKwh">Energy it sold to peers, kWh.</param>
/// <param name="PeakImportKw">Its largest import in the final schedule, kW.</param>
/// <param name="PeakExportKw">Its largest export in the final schedule, kW.</param>
public sealed record ProsumerKpi(
    string ProsumerId,
    long BaselineBillCents,
    long MarketBillCents,
    long SavingsCents,
    double BaselineDiscomfortCost,
    double MarketDiscomfortCost,
    double? ConsumptionKwh,
    double? PvKwh,
    double? BaselineSelfSufficiency,
    double? SelfSufficiency,
    double? BaselineSelfConsumption,
    double? SelfConsumption,
    double PeerBoughtKwh,
    double PeerSoldKwh,
    double PeakImportKw,
    double PeakExportKw);

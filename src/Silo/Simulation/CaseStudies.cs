using Sems.Twin;
using Sems.Twin.Plants;

namespace Sems.Silo.Simulation;

/// <summary>
/// The three case studies of O'Dwyer et al. §4.3–4.5 on the twin: 14 days from 1 November (2022 data here, 2018 in the
/// paper), 15-minute control, 96-step horizon.
/// </summary>
public static class CaseStudies
{
    /// <summary>The DSO's limit on heat pumps plus EV chargers (O'Dwyer et al. §4.5), kW.</summary>
    public const double DistrictLimitKw = 70;

    /// <summary>
    /// Weightings a–e from cost-only to CO2-only: (α_cost, α_co2) per GBP and per kgCO2, so α_co2/α_cost is the carbon
    /// price the plan pays, GBP/kg: 0, 0.020, 0.053, 0.111 and unbounded. A kWh of heat from gas instead of the heat pump
    /// emits about 0.15 kg more, so these prices move the switch-over between the two across the hours of a day on
    /// either price set, where the previous (0.75, 0.25)–(0.25, 0.75) steps, 0.33–3 GBP/kg, all ran the heat pump flat out.
    /// </summary>
    public static readonly (string Label, double Cost, double Co2)[] Weightings =
    [
        ("a", 1.0, 0.0), ("b", 0.98, 0.02), ("c", 0.95, 0.05), ("d", 0.9, 0.1), ("e", 0.0, 1.0),
    ];

    /// <summary>The heating subsystem's weighting in (c), (α_cost, α_co2) = (0.5, 0.5).</summary>
    public static readonly (double Cost, double Co2) CoordinatedWeighting = (0.5, 0.5);

    public static Scenario Base(double days, int seed) => new() { Days = days, Seed = seed };

    /// <summary>
    /// The price set of the paper's period (November 2018), run beside 2022's in (a): gas at a fifth of the electricity
    /// price, which is what makes cost and CO2 pull apart (<see cref="PriceScenarios.Year2018"/>).
    /// </summary>
    public const string PaperPeriodPrices = PriceScenarios.Year2018;

    /// <summary>(a) The heat network alone under each weighting, on a price set (runs "heat-a" … for 2022, "heat-2018-a" … otherwise).</summary>
    public static IReadOnlyList<Scenario> HeatNetwork(double days, int seed, string prices = PriceScenarios.Year2022) =>
        Weightings.Select(w => Base(days, seed) with
        {
            Name = prices == PriceScenarios.Year2022 ? $"heat-{w.Label}" : $"heat-{prices}-{w.Label}",
            HeatNetwork = new HeatNetworkScenario(CostWeight: w.Cost, Co2Weight: w.Co2),
            EvPv = null,
            Prices = prices,
        }).ToList();

    /// <summary>
    /// Electrical capacity of the heat pump in the store run (cf. Fig. 11), kW: three times the twin's 50 kW, so that in
    /// cheap hours it can make more heat than the estate draws (135–377 kW over 1–14 November 2022; the 50 kW pump makes at most about 146 kW of heat) and charge the store.
    /// </summary>
    public const double StoreRunHeatPumpKw = 150;

    /// <summary>
    /// The store run (cf. Fig. 11): the heat network alone, weighting a, on the paper's-period prices, with the heat
    /// pump sized by <see cref="StoreRunHeatPumpKw"/> (<see cref="StoreRunParameters"/>).
    /// </summary>
    public static Scenario StoreRun(double days, int seed) => Base(days, seed) with
    {
        Name = $"heat-store-{PaperPeriodPrices}-a",
        HeatNetwork = new HeatNetworkScenario(CostWeight: Weightings[0].Cost, Co2Weight: Weightings[0].Co2),
        EvPv = null,
        Prices = PaperPeriodPrices,
    };

    /// <summary>The twin's heat network with the store run's heat pump.</summary>
    public static HeatNetworkParameters StoreRunParameters => new() { HeatPumpMaxElectricKw = StoreRunHeatPumpKw };

    /// <summary>(b) The EV/PV hub alone, without and with delayable charging.</summary>
    public static IReadOnlyList<Scenario> EvPv(double days, int seed) =>
    [
        Base(days, seed) with { Name = "ev-no-delay", HeatNetwork = null, EvPv = new EvPvScenario(Delay: false) },
        Base(days, seed) with { Name = "ev-delay", HeatNetwork = null, EvPv = new EvPvScenario(Delay: true) },
    ];

    /// <summary>(c) Both subsystems (heating on <see cref="CoordinatedWeighting"/>, EV delay on) under the 70 kW limit, without and with coordination.</summary>
    public static IReadOnlyList<Scenario> Coordinated(double days, int seed)
    {
        var c = CoordinatedWeighting;
        var both = Base(days, seed) with
        {
            HeatNetwork = new HeatNetworkScenario(CostWeight: c.Cost, Co2Weight: c.Co2),
            EvPv = new EvPvScenario(Delay: true),
            DistrictLimitKw = DistrictLimitKw,
        };
        return [both with { Name = "both-uncoordinated", Coordinate = false }, both with { Name = "both-coordinated", Coordinate = true }];
    }

    /// <summary>The learned method the demo's forecast grains use in (c) with ML forecasts.</summary>
    public const string LearnedMethod = "regression-fasttree";

    /// <summary>The probability with which the demo's learned run plans the limit to hold (<see cref="Scenario.RiskLevel"/>).</summary>
    public const double LearnedRiskLevel = 0.95;

    /// <summary>
    /// (c) coordinated, with SEMS forecasting heat load, EV demand and PV itself (forecast grains, retrained daily, with
    /// the day-ahead weather forecast as features and corrected every cycle from the latest measurements), and the
    /// coordinator planning the limit to hold with probability <see cref="LearnedRiskLevel"/> under their error.
    /// </summary>
    public static Scenario CoordinatedLearned(double days, int seed) =>
        Coordinated(days, seed)[1] with { Name = "both-coordinated-ml", Forecasts = LearnedMethod, RiskLevel = LearnedRiskLevel };
}

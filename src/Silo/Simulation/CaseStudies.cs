namespace Sems.Silo.Simulation;

/// <summary>
/// The three case studies of O'Dwyer et al. §4.3–4.5 on the twin: 14 days from 1 November (2022 data here, 2018 in the
/// paper), 15-minute control, 96-step horizon.
/// </summary>
public static class CaseStudies
{
    /// <summary>The DSO's limit on heat pumps plus EV chargers (O'Dwyer et al. §4.5), kW.</summary>
    public const double DistrictLimitKw = 70;

    /// <summary>Weightings a–e from cost-only to CO2-heavy: (α_cost, α_co2) per currency unit and per kgCO2.</summary>
    public static readonly (string Label, double Cost, double Co2)[] Weightings =
    [
        ("a", 1.0, 0.0), ("b", 0.75, 0.25), ("c", 0.5, 0.5), ("d", 0.25, 0.75), ("e", 0.0, 1.0),
    ];

    public static Scenario Base(double days, int seed) => new() { Days = days, Seed = seed };

    /// <summary>(a) The heat network alone under each weighting.</summary>
    public static IReadOnlyList<Scenario> HeatNetwork(double days, int seed) =>
        Weightings.Select(w => Base(days, seed) with
        {
            Name = $"heat-{w.Label}",
            HeatNetwork = new HeatNetworkScenario(CostWeight: w.Cost, Co2Weight: w.Co2),
            EvPv = null,
        }).ToList();

    /// <summary>(b) The EV/PV hub alone, without and with delayable charging.</summary>
    public static IReadOnlyList<Scenario> EvPv(double days, int seed) =>
    [
        Base(days, seed) with { Name = "ev-no-delay", HeatNetwork = null, EvPv = new EvPvScenario(Delay: false) },
        Base(days, seed) with { Name = "ev-delay", HeatNetwork = null, EvPv = new EvPvScenario(Delay: true) },
    ];

    /// <summary>(c) Both subsystems (heating as in weighting c, EV delay on) under the 70 kW limit, without and with coordination.</summary>
    public static IReadOnlyList<Scenario> Coordinated(double days, int seed)
    {
        var c = Weightings[2];
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

namespace Sems.Silo.Simulation;

/// <summary>
/// A co-simulation of the twin and SEMS: which subsystems, over which period, with which objective and limit.
/// Read from JSON by <see cref="ScenarioFile"/> (<c>sems simulate SCENARIO.json</c>); the demo builds them in code.
/// </summary>
public sealed record Scenario
{
    public string Name { get; init; } = "scenario";

    /// <summary>Time of the first step (UTC); the twin's data cover 2022.</summary>
    public DateTimeOffset Start { get; init; } = new(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public double Days { get; init; } = 14;

    /// <summary>Control step, minutes (the twin integrates in sub-steps).</summary>
    public int StepMinutes { get; init; } = 15;

    public int HorizonSteps { get; init; } = 96;

    public int Seed { get; init; } = 1;

    public HeatNetworkScenario? HeatNetwork { get; init; } = new();

    public EvPvScenario? EvPv { get; init; } = new();

    /// <summary>The DSO's limit on the heat pumps' plus EV chargers' grid draw, kW (O'Dwyer et al. §4.5: 70 kW); null for none.</summary>
    public double? DistrictLimitKw { get; init; }

    /// <summary>Whether the coordinator enforces the limit (Algorithm 1); when false the limit is only measured.</summary>
    public bool Coordinate { get; init; } = true;

    /// <summary>
    /// Where SEMS's forecasts of heat load, EV demand and PV come from: "noisy-truth" (the twin's own future with seeded
    /// errors), a learned method of the forecast grains (seasonal-naive, day-prototype-gb, day-prototype-rf,
    /// regression-fasttree, regression-lightgbm), trained daily on the history the twin's measurements build up, or
    /// "district-file" (no forecasts: SEMS plans on the district file's series alone, the twin's first horizon as a
    /// profile that repeats, as when it is served and only measurements reach it through the API).
    /// </summary>
    public string Forecasts { get; init; } = NoisyTruth;

    public const string NoisyTruth = "noisy-truth";

    /// <summary>No forecasts reach SEMS: it plans on the district file's profiles and the measurements (<c>sems twin</c>'s case).</summary>
    public const string DistrictFile = "district-file";

    /// <summary>Whether the forecasts come from a learned method of the forecast grains.</summary>
    public bool LearnedForecasts => Forecasts != NoisyTruth && Forecasts != DistrictFile;

    /// <summary>Days of history the forecast grains start with (the twin's past, as a real site's data store would hold).</summary>
    public int ForecastHistoryDays { get; init; } = 56;

    /// <summary>
    /// With learned forecasts: whether the forecast grains learn heat load and PV with the weather as features (the
    /// measured weather in training, a day-ahead weather forecast over the horizon: the twin's weather plus a seeded
    /// error that grows with the lead time, <see cref="Sems.Forecasting.Weather.WeatherForecastError"/>).
    /// </summary>
    public bool WeatherFeatures { get; init; } = true;

    /// <summary>With learned forecasts: whether every cycle's forecast is corrected from the latest measurement (an error-correction term on the next hours).</summary>
    public bool WithinDayCorrection { get; init; } = true;

    /// <summary>
    /// The probability with which the coordinator plans the district limit to hold under forecast error
    /// (the district file's <c>coordination.riskLevel</c>, in [0.5, 0.9999]); null to plan on the point forecast. With
    /// learned forecasts the EV/PV hub's forecast grain serves <c>uncertainty:electricity</c> for it.
    /// </summary>
    public double? RiskLevel { get; init; }

    /// <summary>
    /// The price set the twin runs on (<see cref="Sems.Twin.PriceScenarios"/>): "2022" (Agile as measured, gas
    /// 0.103 GBP/kWh) or "2018" (the paper's period: Agile scaled to the 2018 mean electricity price, 2018 gas price).
    /// Weather and carbon intensity are 2022's in both.
    /// </summary>
    public string Prices { get; init; } = Sems.Twin.PriceScenarios.Year2022;

    /// <summary>Relative standard deviations of forecast errors and absolute ones of measurement noise.</summary>
    public NoiseScenario Noise { get; init; } = new();

    public int Steps => (int)Math.Round(Days * 24 * 60 / StepMinutes);
}

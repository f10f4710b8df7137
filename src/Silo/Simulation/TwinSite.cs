using Sems.Contracts;
using Sems.Twin;
using Sems.Twin.Plants;

namespace Sems.Silo.Simulation;

/// <summary>
/// The twin's site as SEMS sees it from outside: its plants, what their meters and sensors read at the start of a step,
/// and how their low-level controllers apply the set-points of a step. Both drivers step the twin through this one
/// class: <see cref="CoSimulation"/> (SEMS in the same process, on a simulated clock) and the remote twin
/// (<c>sems twin</c>, SEMS behind the API on its own clock), so the physics, the measurements and the KPIs of a run
/// are the same code whichever way SEMS is reached.
/// </summary>
public sealed class TwinSite
{
    private readonly HeatNetworkPlant? _heat;
    private readonly EvPvPlant? _ev;
    private readonly MeasurementNoise _noise;
    private readonly List<StepRecord> _records;
    private HeatStepResult? _lastHeat;
    private EvStepResult? _lastEv;

    public TwinSite(Scenario scenario, HeatNetworkParameters heatParameters, EvPvParameters evParameters, TwinInputs? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(heatParameters);
        ArgumentNullException.ThrowIfNull(evParameters);
        Scenario = scenario;
        HeatParameters = heatParameters;
        EvParameters = evParameters;
        Inputs = inputs ?? TwinInputs.Load(scenario.Prices);
        Forecasts = new ForecastProvider(scenario, Inputs, EstateModel.Greenwich, new EvFleet(scenario.EvPv?.Vehicles ?? 300, scenario.Seed),
            PvArray.Greenwich, heatParameters, evParameters);
        _heat = scenario.HeatNetwork is null ? null : new HeatNetworkPlant(heatParameters);
        _ev = scenario.EvPv is null ? null : new EvPvPlant(evParameters);
        _noise = new MeasurementNoise(scenario.Seed);
        _records = new List<StepRecord>(scenario.Steps);
    }

    public Scenario Scenario { get; }

    public HeatNetworkParameters HeatParameters { get; }

    public EvPvParameters EvParameters { get; }

    public TwinInputs Inputs { get; }

    /// <summary>The twin's truths and the forecasts derived from them.</summary>
    public ForecastProvider Forecasts { get; }

    public TimeSpan Step => TimeSpan.FromMinutes(Scenario.StepMinutes);

    /// <summary>The step the plants are at: the next <see cref="Advance"/> simulates it.</summary>
    public int NextStep { get; private set; }

    /// <summary>Whether every step of the scenario has been simulated.</summary>
    public bool Finished => NextStep >= Scenario.Steps;

    /// <summary>The steps simulated so far.</summary>
    public IReadOnlyList<StepRecord> Records => _records;

    /// <summary>The twin's time of a step: the scenario's start plus whole steps (its weather, prices and demand).</summary>
    public DateTimeOffset TimeOf(int step) => Scenario.Start + step * Step;

    /// <summary>
    /// The district file SEMS is configured with for this scenario; with <see cref="Scenario.DistrictFile"/> its inputs are
    /// the twin's first horizon (<see cref="ForecastProvider.Profile"/>), since no forecast will reach SEMS.
    /// </summary>
    public string DistrictJson(string? name = null)
    {
        var scenario = name is null ? Scenario : Scenario with { Name = name };
        return TwinDistrict.Create(scenario, HeatParameters, EvParameters, Scenario.Forecasts == Scenario.DistrictFile ? Forecasts.Profile(Scenario.Start) : null);
    }

    /// <summary>
    /// Starts the plants at <paramref name="step"/> instead of step 0 (from their initial state), when the twin joins a
    /// district whose cycles ran before it; only before the first step is simulated.
    /// </summary>
    public void JoinAt(int step)
    {
        if (_records.Count > 0) throw new InvalidOperationException($"the twin has simulated {_records.Count} steps already; it can only join before the first");
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        NextStep = step;
    }

    /// <summary>
    /// What the site's sensors and meters read at the start of <see cref="NextStep"/>, each stamped <paramref name="stampedAt"/>
    /// (the time on SEMS's clock; the twin's own time of the step for the in-process driver): a store's state of charge
    /// with the scenario's seeded noise, the network temperature, each supply's draw over the step that ended, the EV
    /// delay backlog and the chargers' last reading (the nowcast of the step about to start).
    /// </summary>
    public IReadOnlyList<SiteMeasurement> Measurements(DateTimeOffset stampedAt)
    {
        var t = TimeOf(NextStep);
        var list = new List<SiteMeasurement>(8);
        SiteMeasurement M(string subsystem, string asset, string quantity, double value, string unit) => new(subsystem, asset, new Measurement(stampedAt, quantity, [value], unit));
        if (_heat is not null)
        {
            const string h = TwinDistrict.HeatSubsystem;
            list.Add(M(h, "thermal-store", "soc", _heat.StoreKwh + _noise.Sample("store", t, Scenario.Noise.StoreMeasurementKwh), "kWh"));
            list.Add(M(h, "network", "state", _heat.NetworkTemperatureC + _noise.Sample("network", t, Scenario.Noise.TemperatureMeasurementC), "°C"));
            list.Add(M(h, "heat-pump", "power", _lastHeat?.HeatPumpElectricKw ?? 0, "kW"));
            list.Add(M(h, "gas-boiler", "power", _lastHeat?.BoilerGasKw ?? 0, "kW"));
        }

        if (_ev is not null)
        {
            const string e = TwinDistrict.EvSubsystem;
            if (Scenario.EvPv!.Delay) list.Add(M(e, "ev-delay", "soc", -_ev.BacklogKwh, "kWh"));
            // The meter's reading of the step that just ended: SEMS does not see the demand of the step about to start.
            list.Add(M(e, "ev-charging", "power", Forecasts.LastEvDemandKw(t), "kW"));
            list.Add(M(e, "grid", "power", _lastEv?.GridKw ?? 0, "kW"));
            list.Add(M(e, "pv", "power", _lastEv?.PvUsedKw ?? 0, "kW"));
        }

        return list;
    }

    /// <summary>The connection point's import over the last step simulated, kW (heat pump plus EV grid draw); null before the first.</summary>
    public double? LastGridImportKw => _records.Count > 0 ? Kpis.GridImportKw(_records[^1]) : null;

    /// <summary>The assets whose set-points the site's controllers read, as (subsystem, asset).</summary>
    public IReadOnlyList<(string Subsystem, string Asset)> ControlledAssets
    {
        get
        {
            var assets = new List<(string, string)>();
            if (_heat is not null)
            {
                assets.Add((TwinDistrict.HeatSubsystem, "heat-pump"));
                assets.Add((TwinDistrict.HeatSubsystem, "gas-boiler"));
                assets.Add((TwinDistrict.HeatSubsystem, "thermal-store"));
            }

            if (_ev is not null && Scenario.EvPv!.Delay) assets.Add((TwinDistrict.EvSubsystem, "ev-delay"));
            return assets;
        }
    }

    /// <summary>
    /// Simulates <see cref="NextStep"/>: the controllers apply the set-points (<paramref name="setpoint"/> gives the value
    /// of a subsystem's asset's key; a controller without one holds its asset off, 0) within their physical limits and
    /// the plants integrate the step. The coordinator's figures of the cycle are recorded with it when the driver knows them.
    /// </summary>
    /// <param name="setpoint">(subsystem, asset, key) → value, e.g. ("greenwich-heat", "heat-pump", "electricity.drawKw") → kW.</param>
    public StepRecord Advance(Func<string, string, string, double> setpoint, int resolves = 0, double predictedExcessKwh = 0, double cycleMs = 0, double riskMarginKw = 0)
    {
        ArgumentNullException.ThrowIfNull(setpoint);
        if (Finished) throw new InvalidOperationException($"the scenario has {Scenario.Steps} steps; all are simulated");
        var t = TimeOf(NextStep);
        var hours = Scenario.StepMinutes / 60.0;
        if (_heat is not null)
        {
            const string h = TwinDistrict.HeatSubsystem;
            var setpoints = new HeatSetpoints(setpoint(h, "heat-pump", "electricity.drawKw"), setpoint(h, "gas-boiler", "gas.drawKw"),
                setpoint(h, "thermal-store", "chargeKw"), setpoint(h, "thermal-store", "dischargeKw"));
            _lastHeat = _heat.Step(hours, setpoints, Forecasts.HeatLoadKw(t), HeatPumpCop.RiverTemperatureC(t));
        }

        if (_ev is not null)
        {
            const string e = TwinDistrict.EvSubsystem;
            var setpoints = Scenario.EvPv!.Delay ? new EvSetpoints(setpoint(e, "ev-delay", "dischargeKw"), setpoint(e, "ev-delay", "chargeKw")) : EvSetpoints.None;
            _lastEv = _ev.Step(hours, setpoints, Forecasts.EvDemandKw(t), Forecasts.PvKw(t));
        }

        var record = new StepRecord(t, Inputs.PriceGbpPerKwh(t), Inputs.CarbonKgPerKwh(t), Inputs.OutdoorTemperatureC(t), _lastHeat, _lastEv,
            resolves, predictedExcessKwh, cycleMs, riskMarginKw);
        _records.Add(record);
        NextStep++;
        return record;
    }

    /// <summary>The KPIs of the steps simulated so far.</summary>
    public Kpis Kpis => Kpis.From(_records, Scenario.StepMinutes / 60.0, Scenario.DistrictLimitKw, Inputs.GasUnitPriceGbpPerKwh);
}

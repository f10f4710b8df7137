using System.Globalization;
using System.Runtime.InteropServices;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Market;

/// <summary>
/// Builds one prosumer's scheduling MILP against the prices of a <see cref="ProsumerRequest"/>: PV (curtailable), a
/// battery whose charging and discharging are exclusive in each step, flexible loads each started exactly once inside
/// its window, and the meter's import and export within the connection's limits tightened by the request's caps.
/// One method per constraint family. Building is separate from solving: the result is a solver-independent
/// <see cref="LinearProgram"/> in a <see cref="ProsumerModel"/>.
/// </summary>
/// <remarks>
/// No binary keeps import and export apart: both enter only the balance, as import − export, so lowering both by their
/// minimum keeps every row and bound and changes the objective by −Δt·(buy − sell)·min ≤ 0 (sell ≤ buy). An optimum
/// therefore never needs both, and <see cref="ProsumerSolver"/> nets any tie (buy = sell) away, exactly.
/// </remarks>
public sealed class ProsumerModelBuilder
{
    private readonly Prosumer _prosumer;
    private readonly ProsumerRequest _request;
    private readonly double _dtHours;
    private readonly int _n;
    private readonly ProsumerModel _model;
    private readonly LinearProgram _lp;
    private readonly List<(int, double)> _terms = new(16);

    private ProsumerModelBuilder(Prosumer prosumer, double stepHours, ProsumerRequest request, bool integer, bool shortfall)
    {
        _prosumer = prosumer;
        _request = request;
        _dtHours = stepHours;
        _n = request.BuyPerKwh.Count;
        _model = new ProsumerModel(prosumer, request, stepHours, _n, integer, shortfall);
        _lp = _model.Program;
    }

    /// <summary>
    /// Validates the prosumer and the request (<see cref="Validate"/>) and builds the model: the MILP when
    /// <paramref name="integer"/>, else its LP relaxation (every binary in [0, 1]); with <paramref name="shortfall"/> the
    /// diagnostic model, whose balance may fall short at a cost of 1 per kW and whose objective is that shortfall alone.
    /// </summary>
    public static ProsumerModel Build(Prosumer prosumer, double stepHours, ProsumerRequest request, bool integer = true, bool shortfall = false)
    {
        Validate(prosumer, stepHours, request);
        var builder = new ProsumerModelBuilder(prosumer, stepHours, request, integer, shortfall);
        builder.AddMeter();
        builder.AddPv();
        builder.AddBattery();
        builder.AddFlexibleLoads();
        builder.AddShortfall();
        builder.AddBalance();
        return builder._model;
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the field and the value when the input cannot be modelled:
    /// series lengths other than the request's steps, negative or non-finite powers, non-finite prices, sell above buy,
    /// battery parameters out of range, a flexible load whose window is outside the horizon or too short for its run.
    /// </summary>
    public static void Validate(Prosumer prosumer, double stepHours, ProsumerRequest request)
    {
        ArgumentNullException.ThrowIfNull(prosumer);
        ArgumentNullException.ThrowIfNull(request);
        var who = $"prosumer \"{prosumer.Id}\"";
        if (prosumer.External) throw new ArgumentException($"{who} is external: it answers over the adapter and cannot be solved here.", nameof(prosumer));
        if (!double.IsFinite(stepHours) || stepHours <= 0) throw new ArgumentException($"stepHours must be a finite number of hours > 0, got {Num(stepHours)}.", nameof(stepHours));
        if (!string.Equals(request.ProsumerId, prosumer.Id, StringComparison.Ordinal))
            throw new ArgumentException($"The request is for prosumer \"{request.ProsumerId}\", not {who}.", nameof(request));
        ArgumentNullException.ThrowIfNull(request.BuyPerKwh);
        ArgumentNullException.ThrowIfNull(request.SellPerKwh);
        var n = request.BuyPerKwh.Count;
        if (n == 0) throw new ArgumentException($"Request for {who}: BuyPerKwh is empty; a request needs at least one step.", nameof(request));

        void Length(IReadOnlyList<double>? series, string field, string owner)
        {
            if (series is null) throw new ArgumentException($"{owner}: {field} is missing.", field);
            if (series.Count != n) throw new ArgumentException($"{owner}: {field} has {series.Count} values, the request has {n} steps.", field);
        }

        void NonNegative(IReadOnlyList<double> series, string field, string owner, string unit)
        {
            for (var t = 0; t < series.Count; t++)
            {
                if (!double.IsFinite(series[t]) || series[t] < 0) throw new ArgumentException($"{owner}: {field}[{t}] must be a finite {unit} ≥ 0, got {Num(series[t])}.", field);
            }
        }

        var owner = $"Request for {who}";
        Length(request.SellPerKwh, nameof(request.SellPerKwh), owner);
        for (var t = 0; t < n; t++)
        {
            if (!double.IsFinite(request.BuyPerKwh[t])) throw new ArgumentException($"{owner}: BuyPerKwh[{t}] must be a finite price per kWh, got {Num(request.BuyPerKwh[t])}.", nameof(request.BuyPerKwh));
            if (!double.IsFinite(request.SellPerKwh[t])) throw new ArgumentException($"{owner}: SellPerKwh[{t}] must be a finite price per kWh, got {Num(request.SellPerKwh[t])}.", nameof(request.SellPerKwh));
            if (request.SellPerKwh[t] > request.BuyPerKwh[t])
                throw new ArgumentException($"{owner}: SellPerKwh[{t}] = {Num(request.SellPerKwh[t])} per kWh is above BuyPerKwh[{t}] = {Num(request.BuyPerKwh[t])} per kWh; sell must be ≤ buy.", nameof(request.SellPerKwh));
        }

        if (request.ImportCapKw is { } importCap)
        {
            Length(importCap, nameof(request.ImportCapKw), owner);
            NonNegative(importCap, nameof(request.ImportCapKw), owner, "kW");
        }

        if (request.ExportCapKw is { } exportCap)
        {
            Length(exportCap, nameof(request.ExportCapKw), owner);
            NonNegative(exportCap, nameof(request.ExportCapKw), owner, "kW");
        }

        Length(prosumer.LoadKw, nameof(prosumer.LoadKw), who);
        NonNegative(prosumer.LoadKw, nameof(prosumer.LoadKw), who, "kW");
        Length(prosumer.PvKw, nameof(prosumer.PvKw), who);
        NonNegative(prosumer.PvKw, nameof(prosumer.PvKw), who, "kW");
        Length(prosumer.ImportMaxKw, nameof(prosumer.ImportMaxKw), who);
        NonNegative(prosumer.ImportMaxKw, nameof(prosumer.ImportMaxKw), who, "kW");
        Length(prosumer.ExportMaxKw, nameof(prosumer.ExportMaxKw), who);
        NonNegative(prosumer.ExportMaxKw, nameof(prosumer.ExportMaxKw), who, "kW");

        if (prosumer.Battery is { } b)
        {
            var battery = $"{who}: Battery";
            if (!double.IsFinite(b.CapacityKwh) || b.CapacityKwh <= 0) throw new ArgumentException($"{battery}.CapacityKwh must be a finite kWh > 0, got {Num(b.CapacityKwh)}.", nameof(b.CapacityKwh));
            if (!double.IsFinite(b.SocMinKwh) || b.SocMinKwh < 0 || b.SocMinKwh > b.CapacityKwh)
                throw new ArgumentException($"{battery}.SocMinKwh must be in [0, CapacityKwh = {Num(b.CapacityKwh)}] kWh, got {Num(b.SocMinKwh)} kWh.", nameof(b.SocMinKwh));
            if (!double.IsFinite(b.SocInitialKwh) || b.SocInitialKwh < b.SocMinKwh || b.SocInitialKwh > b.CapacityKwh)
                throw new ArgumentException($"{battery}.SocInitialKwh must be in [SocMinKwh = {Num(b.SocMinKwh)}, CapacityKwh = {Num(b.CapacityKwh)}] kWh, got {Num(b.SocInitialKwh)} kWh.", nameof(b.SocInitialKwh));
            if (!double.IsFinite(b.ChargeMaxKw) || b.ChargeMaxKw < 0) throw new ArgumentException($"{battery}.ChargeMaxKw must be a finite kW ≥ 0, got {Num(b.ChargeMaxKw)}.", nameof(b.ChargeMaxKw));
            if (!double.IsFinite(b.DischargeMaxKw) || b.DischargeMaxKw < 0) throw new ArgumentException($"{battery}.DischargeMaxKw must be a finite kW ≥ 0, got {Num(b.DischargeMaxKw)}.", nameof(b.DischargeMaxKw));
            if (!(b.ChargeEfficiency > 0 && b.ChargeEfficiency <= 1)) throw new ArgumentException($"{battery}.ChargeEfficiency must be in (0, 1], got {Num(b.ChargeEfficiency)}.", nameof(b.ChargeEfficiency));
            if (!(b.DischargeEfficiency > 0 && b.DischargeEfficiency <= 1)) throw new ArgumentException($"{battery}.DischargeEfficiency must be in (0, 1], got {Num(b.DischargeEfficiency)}.", nameof(b.DischargeEfficiency));
        }

        ArgumentNullException.ThrowIfNull(prosumer.FlexibleLoads);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var load in prosumer.FlexibleLoads)
        {
            var flexible = $"{who}: flexible load \"{load.Id}\"";
            if (!ids.Add(load.Id)) throw new ArgumentException($"{flexible} appears twice; flexible load ids must be unique within a prosumer.", nameof(prosumer.FlexibleLoads));
            if (load.ProfileKw is null || load.ProfileKw.Count == 0) throw new ArgumentException($"{flexible}: ProfileKw is empty; a run needs at least one step.", nameof(load.ProfileKw));
            NonNegative(load.ProfileKw, nameof(load.ProfileKw), flexible, "kW");
            if (load.EarliestStartStep < 0 || load.EarliestStartStep >= n)
                throw new ArgumentException($"{flexible}: EarliestStartStep = {load.EarliestStartStep} is outside the horizon of steps 0…{n - 1}.", nameof(load.EarliestStartStep));
            if (load.LatestEndStep < load.EarliestStartStep || load.LatestEndStep >= n)
                throw new ArgumentException($"{flexible}: LatestEndStep = {load.LatestEndStep} must be in [EarliestStartStep = {load.EarliestStartStep}, {n - 1}] (the last step of the horizon).", nameof(load.LatestEndStep));
            var latestStart = ProsumerModel.LatestStartStep(load);
            if (latestStart < load.EarliestStartStep)
                throw new ArgumentException($"{flexible}: its run of {load.ProfileKw.Count} steps does not fit in the window of steps {load.EarliestStartStep}…{load.LatestEndStep}.", nameof(load.ProfileKw));
            if (load.PreferredStartStep < load.EarliestStartStep || load.PreferredStartStep > latestStart)
                throw new ArgumentException($"{flexible}: PreferredStartStep = {load.PreferredStartStep} must be a start in the window, {load.EarliestStartStep}…{latestStart}.", nameof(load.PreferredStartStep));
            if (!double.IsFinite(load.DelayCostPerStep) || load.DelayCostPerStep < 0)
                throw new ArgumentException($"{flexible}: DelayCostPerStep must be a finite cost ≥ 0 per step, got {Num(load.DelayCostPerStep)}.", nameof(load.DelayCostPerStep));
        }
    }

    /// <summary>
    /// 0 ≤ importKw[t] ≤ min(ImportMaxKw[t], ImportCapKw[t]) and 0 ≤ exportKw[t] ≤ min(ExportMaxKw[t], ExportCapKw[t]):
    /// the connection's limits, tightened by the grid's caps in the request. Objective Δt·(buy·import − sell·export).
    /// </summary>
    private void AddMeter()
    {
        var import = new Subject("importKw", ConstraintFamily.ResourceLimits, "import below 0 by", "import above its limit by", "kW");
        var export = new Subject("exportKw", ConstraintFamily.ResourceLimits, "export below 0 by", "export above its limit by", "kW");
        for (var t = 0; t < _n; t++)
        {
            var importLimit = _model.ImportLimitKw[t] = Math.Min(_prosumer.ImportMaxKw[t], _request.ImportCapKw?[t] ?? double.PositiveInfinity);
            var exportLimit = _model.ExportLimitKw[t] = Math.Min(_prosumer.ExportMaxKw[t], _request.ExportCapKw?[t] ?? double.PositiveInfinity);
            _model.ImportKw[t] = _lp.AddVariable(import, t, 0, importLimit);
            _model.ExportKw[t] = _lp.AddVariable(export, t, 0, exportLimit);
            if (_model.Shortfall) continue;
            _lp.AddObjective(_model.ImportKw[t], _dtHours * _request.BuyPerKwh[t]);
            _lp.AddObjective(_model.ExportKw[t], -_dtHours * _request.SellPerKwh[t]);
        }
    }

    /// <summary>0 ≤ pvUsedKw[t] ≤ PvKw[t]: what is not used is curtailed (at no cost).</summary>
    private void AddPv()
    {
        var pv = new Subject("pvUsedKw", ConstraintFamily.SupplyBounds, "PV used below 0 by", "PV used above the PV available by", "kW");
        for (var t = 0; t < _n; t++) _model.PvUsedKw[t] = _lp.AddVariable(pv, t, 0, _prosumer.PvKw[t]);
    }

    /// <summary>
    /// The battery: charge ≤ ChargeMax·charging and discharge ≤ DischargeMax·(1 − charging) with charging[t] binary
    /// (never both in one step); SoC[t+1] = SoC[t] + Δt·(η_c·charge − discharge/η_d) with SoC[0] = the initial state
    /// of charge; SocMin ≤ SoC ≤ Capacity; SoC[N] ≥ SoC[0] when it must end at least where it started.
    /// </summary>
    private void AddBattery()
    {
        if (_prosumer.Battery is not { } b) return;
        var charge = new Subject("battery.chargeKw", ConstraintFamily.ChargeBounds, "battery charge below 0 by", "battery charge above ChargeMaxKw by", "kW");
        var discharge = new Subject("battery.dischargeKw", ConstraintFamily.DischargeBounds, "battery discharge below 0 by", "battery discharge above DischargeMaxKw by", "kW");
        var soc = new Subject("battery.socKwh", ConstraintFamily.StateOfChargeBounds, "battery state of charge below SocMinKwh by", "battery state of charge above CapacityKwh by", "kWh");
        var charging = Subject.Structural("battery.charging");
        var chargeWhenCharging = Subject.Structural("battery.chargeOnlyWhenCharging");
        var dischargeWhenNot = Subject.Structural("battery.dischargeOnlyWhenNotCharging");
        var dynamics = Subject.Structural("battery.socDynamics");
        _model.SocKwh[0] = _lp.AddVariable(Subject.Structural("battery.socKwh"), 0, b.SocInitialKwh, b.SocInitialKwh);
        for (var t = 1; t <= _n; t++) _model.SocKwh[t] = _lp.AddVariable(soc, t, b.SocMinKwh, b.CapacityKwh); // SocMin ≤ SoC ≤ Capacity
        for (var t = 0; t < _n; t++)
        {
            var ch = _model.ChargeKw[t] = _lp.AddVariable(charge, t, 0, b.ChargeMaxKw);
            var dis = _model.DischargeKw[t] = _lp.AddVariable(discharge, t, 0, b.DischargeMaxKw);
            var c = _model.Charging[t] = _lp.AddVariable(charging, t, 0, 1, _model.Integer);
            Row(chargeWhenCharging, t, double.NegativeInfinity, 0, (ch, 1), (c, -b.ChargeMaxKw)); // charge ≤ ChargeMax·charging
            Row(dischargeWhenNot, t, double.NegativeInfinity, b.DischargeMaxKw, (dis, 1), (c, b.DischargeMaxKw)); // discharge ≤ DischargeMax·(1 − charging)
            // SoC[t+1] − SoC[t] − Δt·η_c·charge + Δt·discharge/η_d = 0: energy stored minus energy delivered.
            Row(dynamics, t, 0, 0, (_model.SocKwh[t + 1], 1), (_model.SocKwh[t], -1), (ch, -_dtHours * b.ChargeEfficiency), (dis, _dtHours / b.DischargeEfficiency));
        }

        if (b.EndAtLeastInitial)
        {
            var terminal = new Subject("battery.terminalSocKwh", ConstraintFamily.TerminalStateOfCharge, $"battery final state of charge short of SocInitialKwh ({Num(b.SocInitialKwh)} kWh) by", "", "kWh");
            Row(terminal, _n, b.SocInitialKwh, double.PositiveInfinity, (_model.SocKwh[_n], 1)); // SoC[N] ≥ SoC[0]
        }
    }

    /// <summary>
    /// Per flexible load, start[s] binary for every start s of its window (earliest … latest end − run + 1) with
    /// Σ_s start[s] = 1: it runs exactly once, uninterrupted. Each start costs DelayCostPerStep·|s − preferred|, a
    /// constant per binary, so the comfort term is linear. Its profile enters the balance in <see cref="AddBalance"/>.
    /// </summary>
    private void AddFlexibleLoads()
    {
        for (var l = 0; l < _prosumer.FlexibleLoads.Count; l++)
        {
            var load = _prosumer.FlexibleLoads[l];
            var start = Subject.Structural($"{load.Id}.start");
            var once = Subject.Structural($"{load.Id}.runsOnce");
            var first = load.EarliestStartStep;
            var binaries = _model.StartBinary[l] = new int[ProsumerModel.LatestStartStep(load) - first + 1];
            _terms.Clear();
            for (var k = 0; k < binaries.Length; k++)
            {
                var s = first + k;
                binaries[k] = _lp.AddVariable(start, s, 0, 1, _model.Integer);
                if (!_model.Shortfall) _lp.AddObjective(binaries[k], load.DelayCostPerStep * Math.Abs(s - load.PreferredStartStep));
                _terms.Add((binaries[k], 1));
            }

            _lp.AddRow(once, 0, 1, 1, CollectionsMarshal.AsSpan(_terms)); // Σ_s start[s] = 1
        }
    }

    /// <summary>The diagnostic model's shortKw[t] ≥ 0: load the balance leaves unmet; its sum is the whole objective.</summary>
    private void AddShortfall()
    {
        if (!_model.Shortfall) return;
        var subject = Subject.Structural("shortKw");
        for (var t = 0; t < _n; t++)
        {
            _model.ShortKw[t] = _lp.AddVariable(subject, t, 0, double.PositiveInfinity);
            _lp.AddObjective(_model.ShortKw[t], 1);
        }
    }

    /// <summary>
    /// Balance at the meter per step: pvUsed + discharge + import (+ short) − charge − export − Σ_l Σ_s start_l[s]·profile_l[t − s] = load,
    /// where a load started at s draws profile[t − s] in steps s ≤ t &lt; s + run.
    /// </summary>
    private void AddBalance()
    {
        var balance = new Subject("balanceKw", ConstraintFamily.EnergyBalance, "balance short by", "balance in surplus by", "kW");
        for (var t = 0; t < _n; t++)
        {
            _terms.Clear();
            _terms.Add((_model.PvUsedKw[t], 1));
            _terms.Add((_model.ImportKw[t], 1));
            _terms.Add((_model.ExportKw[t], -1));
            if (_prosumer.Battery is not null)
            {
                _terms.Add((_model.DischargeKw[t], 1));
                _terms.Add((_model.ChargeKw[t], -1));
            }

            if (_model.Shortfall) _terms.Add((_model.ShortKw[t], 1));
            for (var l = 0; l < _prosumer.FlexibleLoads.Count; l++)
            {
                var load = _prosumer.FlexibleLoads[l];
                var binaries = _model.StartBinary[l];
                for (var k = 0; k < binaries.Length; k++)
                {
                    var offset = t - (load.EarliestStartStep + k);
                    if (offset >= 0 && offset < load.ProfileKw.Count) _terms.Add((binaries[k], -load.ProfileKw[offset]));
                }
            }

            var demand = _prosumer.LoadKw[t];
            _lp.AddRow(balance, t, demand, demand, CollectionsMarshal.AsSpan(_terms));
        }
    }

    private void Row(Subject subject, int step, double lower, double upper, params ReadOnlySpan<(int Variable, double Coefficient)> terms) =>
        _lp.AddRow(subject, step, lower, upper, terms);

    private static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

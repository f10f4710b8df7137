using Sems.Engine.Model;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Mpc;

/// <summary>
/// Builds the MPC problem of one subsystem (O'Dwyer et al. §2.2, eqs. 1–24, Δt explicit as the district-format contract
/// says). One method per constraint family, each naming its equation. Building is separate from solving: the result is
/// a solver-independent <see cref="LinearProgram"/>.
/// </summary>
public sealed class SubsystemModelBuilder(District district, Subsystem subsystem, MpcOptions options)
{
    private readonly int _n = district.HorizonSteps;
    private readonly double _dtHours = district.StepHours;
    private readonly List<(int, double)> _terms = new(64);
    private readonly List<(int, double)> _epsilonTerms = new(16);
    private SubsystemModel _model = null!;
    private LinearProgram _lp = null!;

    public static SubsystemModel Build(District district, Subsystem subsystem, MpcOptions? options = null) =>
        new SubsystemModelBuilder(district, subsystem, options ?? MpcOptions.Default).Build();

    public SubsystemModel Build()
    {
        _lp = new LinearProgram();
        _model = new SubsystemModel(district, subsystem, _lp, new SquaredSlackApproximation(options.SlackSegments, options.SlackRange));
        AddSupplyDraws();
        AddUnitCommitment();
        AddStoreVariables();
        AddStateOfChargeDynamics();
        AddTerminalStateOfCharge();
        AddStoreFeedLimits();
        AddResourceLimits();
        AddExports();
        AddExportCaps();
        AddDemandInputs();
        AddEnergyBalances();
        AddStateSpaceDemands();
        AddComfortSlacks();
        AddEnergyObjective();
        AddStoragePenalty();
        AddStoreWarnings();
        AddExportWarnings();
        return _model;
    }

    /// <summary>eqs. 1–4: v^sup per conversion with tech^min ≤ v ≤ tech^max (u^sup = η·v is substituted where used).</summary>
    private void AddSupplyDraws()
    {
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            var supply = subsystem.Supplies[s];
            for (var c = 0; c < supply.Conversions.Count; c++)
            {
                var conversion = supply.Conversions[c];
                var name = $"{supply.Id}.{conversion.Resource}DrawKw";
                var subject = new Subject(name, ConstraintFamily.SupplyBounds, $"{supply.Id} {conversion.Resource} draw below its min (eq. 4) by", $"{supply.Id} {conversion.Resource} draw above its max (eq. 3) by", "kW");
                for (var i = 0; i < _n; i++)
                {
                    // With commitment the bounds become on/off rows in AddUnitCommitment.
                    var lower = supply.Commitment is null ? conversion.Min[i] : 0.0;
                    _model.DrawKw[s][c][i] = _lp.AddVariable(subject, i, lower, conversion.Max[i]);
                }
            }
        }
    }

    /// <summary>Unit commitment: on ⇒ max(min, minOn) ≤ v ≤ max, off ⇒ v = 0; on[i] − on[i−1] = start − stop; minimum up and down times.</summary>
    private void AddUnitCommitment()
    {
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            var supply = subsystem.Supplies[s];
            if (supply.Commitment is not { } uc) continue;
            var onSubject = Subject.Structural($"{supply.Id}.on");
            var startSubject = Subject.Structural($"{supply.Id}.start");
            var stopSubject = Subject.Structural($"{supply.Id}.stop");
            var switching = Subject.Structural($"{supply.Id}.switching");
            var minOnSubject = new Subject($"{supply.Id}.minOnKw", ConstraintFamily.Commitment, $"{supply.Id} below its minimum output while on (minOn) by", "", "kW");
            var maxSubject = new Subject($"{supply.Id}.maxWhenOnKw", ConstraintFamily.SupplyBounds, "", $"{supply.Id} draw above its max, or drawing while off, (eq. 3) by", "kW");
            var minUp = new Subject($"{supply.Id}.minUpSteps", ConstraintFamily.Commitment, $"{supply.Id} minimum up time ({uc.MinUpSteps} steps) violated by", $"{supply.Id} minimum up time ({uc.MinUpSteps} steps) violated by", "starts");
            var minDown = new Subject($"{supply.Id}.minDownSteps", ConstraintFamily.Commitment, $"{supply.Id} minimum down time ({uc.MinDownSteps} steps) violated by", $"{supply.Id} minimum down time ({uc.MinDownSteps} steps) violated by", "stops");
            var on = _model.OnBinary[s]!;
            var start = _model.StartBinary[s]!;
            var stop = new int[_n];
            for (var i = 0; i < _n; i++)
            {
                on[i] = _lp.AddVariable(onSubject, i, 0, 1, integer: true);
                start[i] = _lp.AddVariable(startSubject, i, 0, 1, integer: true);
                stop[i] = _lp.AddVariable(stopSubject, i, 0, 1, integer: true);
                var previous = i == 0 ? (uc.InitiallyOn ? 1.0 : 0.0) : 0.0;
                Row(switching, i, -previous, -previous, (on[i], -1), (start[i], 1), (stop[i], -1), i == 0 ? (-1, 0) : (on[i - 1], 1));
                Row(switching, i, double.NegativeInfinity, 1, (start[i], 1), (stop[i], 1));
                for (var c = 0; c < supply.Conversions.Count; c++)
                {
                    var v = _model.DrawKw[s][c][i];
                    var conversion = supply.Conversions[c];
                    Row(maxSubject, i, double.NegativeInfinity, 0, (v, 1), (on[i], -conversion.Max[i]));
                    Row(minOnSubject, i, 0, double.PositiveInfinity, (v, 1), (on[i], -Math.Max(conversion.Min[i], uc.MinOn[i])));
                }
            }

            for (var i = 0; i < _n; i++)
            {
                // Σ starts in the last minUp steps ≤ on[i]; Σ stops in the last minDown steps ≤ 1 − on[i].
                if (uc.MinUpSteps > 1)
                {
                    _terms.Clear();
                    for (var k = Math.Max(0, i - uc.MinUpSteps + 1); k <= i; k++) _terms.Add((start[k], 1));
                    _terms.Add((on[i], -1));
                    AddRow(minUp, i, double.NegativeInfinity, 0);
                }

                if (uc.MinDownSteps > 1)
                {
                    _terms.Clear();
                    for (var k = Math.Max(0, i - uc.MinDownSteps + 1); k <= i; k++) _terms.Add((stop[k], 1));
                    _terms.Add((on[i], 1));
                    AddRow(minDown, i, double.NegativeInfinity, 1);
                }

                // The state before step 0 carries over: a unit on (off) for fewer steps than minUp (minDown) stays so.
                if (uc.InitiallyOn && i < uc.MinUpSteps - uc.InitialSteps) Row(minUp, i, 1, double.PositiveInfinity, (on[i], 1));
                if (!uc.InitiallyOn && i < uc.MinDownSteps - uc.InitialSteps) Row(minDown, i, double.NegativeInfinity, 0, (on[i], 1));
            }
        }
    }

    /// <summary>eqs. 7–10: charge v^sto and discharge u^sto within their bounds, SoC[0] = socInitial, socMin ≤ SoC ≤ socMax.</summary>
    private void AddStoreVariables()
    {
        for (var st = 0; st < subsystem.Stores.Count; st++)
        {
            var store = subsystem.Stores[st];
            var charge = new Subject($"{store.Id}.chargeKw", ConstraintFamily.ChargeBounds, $"{store.Id} charge below chargeMin (eq. 10) by", $"{store.Id} charge above chargeMax (eq. 10) by", "kW");
            var discharge = new Subject($"{store.Id}.dischargeKw", ConstraintFamily.DischargeBounds, $"{store.Id} discharge below dischargeMin (eq. 9) by", $"{store.Id} discharge above dischargeMax (eq. 9) by", "kW");
            var soc = new Subject($"{store.Id}.socKwh", ConstraintFamily.StateOfChargeBounds, $"{store.Id} state of charge below socMin (eq. 8) by", $"{store.Id} state of charge above socMax (eq. 8) by", "kWh");
            var socInitial = Subject.Structural($"{store.Id}.socInitialKwh");
            var charging = Subject.Structural($"{store.Id}.charging");
            var discharging = Subject.Structural($"{store.Id}.discharging");
            var mode = Subject.Structural($"{store.Id}.exclusive");
            for (var i = 0; i < _n; i++)
            {
                if (store.Exclusive)
                {
                    // Two binaries per step, charging and discharging, at most one of them on: each flow is
                    // semi-continuous (0, or within its bounds), so the store may also idle when both minimums are > 0.
                    var ch = _model.ChargeKw[st][i] = _lp.AddVariable(charge, i, 0, store.ChargeMax[i]);
                    var dis = _model.DischargeKw[st][i] = _lp.AddVariable(discharge, i, 0, store.DischargeMax[i]);
                    var c = _lp.AddVariable(charging, i, 0, 1, integer: true);
                    var d = _lp.AddVariable(discharging, i, 0, 1, integer: true);
                    Row(charge, i, double.NegativeInfinity, 0, (ch, 1), (c, -store.ChargeMax[i])); // eq. 10
                    Row(charge, i, 0, double.PositiveInfinity, (ch, 1), (c, -store.ChargeMin[i])); // eq. 10
                    Row(discharge, i, double.NegativeInfinity, 0, (dis, 1), (d, -store.DischargeMax[i])); // eq. 9
                    Row(discharge, i, 0, double.PositiveInfinity, (dis, 1), (d, -store.DischargeMin[i])); // eq. 9
                    Row(mode, i, double.NegativeInfinity, 1, (c, 1), (d, 1));
                }
                else
                {
                    _model.ChargeKw[st][i] = _lp.AddVariable(charge, i, store.ChargeMin[i], store.ChargeMax[i]);
                    _model.DischargeKw[st][i] = _lp.AddVariable(discharge, i, store.DischargeMin[i], store.DischargeMax[i]);
                }
            }

            _model.SocKwh[st][0] = _lp.AddVariable(socInitial, 0, store.SocInitial, store.SocInitial); // eq. 7
            for (var i = 1; i <= _n; i++) _model.SocKwh[st][i] = _lp.AddVariable(soc, i, store.SocMin, store.SocMax); // eq. 8
        }
    }

    /// <summary>eq. 6 with Δt explicit: SoC[i+1] = η^stl·SoC[i] − Δt·u^sto[i]/η^stu + Δt·η^stv·v^sto[i].</summary>
    private void AddStateOfChargeDynamics()
    {
        for (var st = 0; st < subsystem.Stores.Count; st++)
        {
            var store = subsystem.Stores[st];
            var dynamics = Subject.Structural($"{store.Id}.socDynamics");
            for (var i = 0; i < _n; i++)
            {
                Row(dynamics, i, 0, 0,
                    (_model.SocKwh[st][i + 1], 1),
                    (_model.SocKwh[st][i], -store.Retention),
                    (_model.DischargeKw[st][i], _dtHours / store.DischargeEfficiency),
                    (_model.ChargeKw[st][i], -_dtHours * store.ChargeEfficiency));
            }
        }
    }

    /// <summary>SoC[N] ≥ socInitial or SoC[N] = socInitial (the contract's <c>terminal</c>; the file's socInitial, see <see cref="Store.TerminalTargetKwh"/>).</summary>
    private void AddTerminalStateOfCharge()
    {
        for (var st = 0; st < subsystem.Stores.Count; st++)
        {
            var store = subsystem.Stores[st];
            if (store.Terminal == StoreTerminal.None) continue;
            var subject = new Subject($"{store.Id}.terminalSocKwh", ConstraintFamily.TerminalStateOfCharge,
                $"{store.Id} final state of charge short of socInitial ({store.TerminalTargetKwh:0.###} kWh) by", $"{store.Id} final state of charge above socInitial ({store.TerminalTargetKwh:0.###} kWh) by", "kWh");
            var upper = store.Terminal == StoreTerminal.ReturnToInitial ? store.TerminalTargetKwh : double.PositiveInfinity;
            Row(subject, _n, store.TerminalTargetKwh, upper, (_model.SocKwh[st][_n], 1));
        }
    }

    /// <summary>eq. 11: Σ_st v^sto[q] ≤ Σ_{s ∈ S^st} u^sup[q], per energy type that has stores.</summary>
    private void AddStoreFeedLimits()
    {
        foreach (var q in subsystem.Stores.Select(x => x.EnergyType).Distinct(StringComparer.Ordinal))
        {
            var subject = new Subject($"{q}StoreFeedKw", ConstraintFamily.StoreFeed, "", $"{q} store charging above what store-feeding supplies produce (eq. 11) by", "kW");
            for (var i = 0; i < _n; i++)
            {
                _terms.Clear();
                for (var st = 0; st < subsystem.Stores.Count; st++)
                {
                    if (subsystem.Stores[st].EnergyType == q) _terms.Add((_model.ChargeKw[st][i], 1));
                }

                AddSupplyOutput(q, i, -1, feedingStoresOnly: true);
                AddRow(subject, i, double.NegativeInfinity, 0);
            }
        }
    }

    /// <summary>eq. 5: Pmin ≤ Σ_s v^sup[p] ≤ Pmax, for every resource in the subsystem's <c>resources</c> block.</summary>
    private void AddResourceLimits()
    {
        foreach (var (p, bounds) in subsystem.Resources)
        {
            var subject = new Subject($"{p}DrawKw", ConstraintFamily.ResourceLimits, $"{p} draw below Pmin (eq. 5) by", $"{p} draw above Pmax (eq. 5) by", "kW");
            for (var i = 0; i < _n; i++)
            {
                _terms.Clear();
                AddDraw(p, i, 1);
                AddRow(subject, i, bounds.Min[i], bounds.Max[i]);
            }
        }
    }

    /// <summary>e per export and step, min ≤ e ≤ max, kW: power of its energy type fed back into the grid of its resource.</summary>
    private void AddExports()
    {
        for (var x = 0; x < subsystem.Exports.Count; x++)
        {
            var export = subsystem.Exports[x];
            var subject = new Subject($"{export.Id}.exportKw", ConstraintFamily.SupplyBounds, $"{export.Id} export below its min by", $"{export.Id} export above its max by", "kW");
            for (var i = 0; i < _n; i++) _model.ExportKw[x][i] = _lp.AddVariable(subject, i, export.Min[i], export.Max[i]);
        }
    }

    /// <summary>Σ e[p] ≤ the coordinator's export cap, per resource the subsystem's <see cref="Subsystem.ExportCapsKw"/> names (Algorithm 1 under exportMax).</summary>
    private void AddExportCaps()
    {
        foreach (var (p, cap) in subsystem.ExportCapsKw)
        {
            var subject = new Subject($"{p}ExportKw", ConstraintFamily.ResourceLimits, "", $"{p} export above the coordinator's export cap by", "kW");
            for (var i = 0; i < _n; i++)
            {
                _terms.Clear();
                for (var x = 0; x < subsystem.Exports.Count; x++)
                {
                    if (subsystem.Exports[x].Resource == p) _terms.Add((_model.ExportKw[x][i], 1));
                }

                AddRow(subject, i, double.NegativeInfinity, cap[i]);
            }
        }
    }

    /// <summary>u_in per state-space demand and energy type of its B, kW ≥ 0: each demand's share of what is delivered (eq. 12).</summary>
    private void AddDemandInputs()
    {
        for (var m = 0; m < subsystem.Demands.Count; m++)
        {
            if (subsystem.Demands[m] is not StateSpaceDemand demand) continue;
            foreach (var (q, inputKw) in _model.InputKw[m]!)
            {
                var subject = Subject.Structural($"{demand.Id}.{q}InKw");
                for (var i = 0; i < _n; i++) inputKw[i] = _lp.AddVariable(subject, i, 0, double.PositiveInfinity);
            }
        }
    }

    /// <summary>
    /// eq. 18: Σ u^sup[q] + Σ (u^sto − v^sto)[q] − Σ e[q] = Σ dem[q] for each energy type no state-space demand consumes
    /// (e: the exports of type q, fed back into the grid); for a type that state-space demands consume, eq. 12 split
    /// between them: Σ u^sup[q] + Σ (u^sto − v^sto)[q] − Σ e[q] = Σ_m u_in[m][q] + Σ dem[q], so two buildings on one heat
    /// network share its heat rather than each receiving all of it.
    /// </summary>
    private void AddEnergyBalances()
    {
        var stateSpaceInputs = subsystem.Demands.OfType<StateSpaceDemand>().SelectMany(m => m.B.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var q in subsystem.EnergyTypes)
        {
            var shared = stateSpaceInputs.Contains(q);
            var subject = shared
                ? Subject.Structural($"{q}InputBalanceKw")
                : new Subject($"{q}BalanceKw", ConstraintFamily.EnergyBalance, $"{q} balance (eq. 18) short by", $"{q} balance (eq. 18) in surplus by", "kW");
            var demands = subsystem.Demands.OfType<SeriesDemand>().Where(d => d.EnergyType == q).ToList();
            for (var i = 0; i < _n; i++)
            {
                _terms.Clear();
                AddEnergyInput(q, i);
                for (var x = 0; x < subsystem.Exports.Count; x++)
                {
                    if (subsystem.Exports[x].EnergyType == q) _terms.Add((_model.ExportKw[x][i], -1)); // what is exported leaves the balance
                }

                if (shared)
                {
                    foreach (var inputs in _model.InputKw)
                    {
                        if (inputs is not null && inputs.TryGetValue(q, out var inputKw)) _terms.Add((inputKw[i], -1)); // eq. 12
                    }
                }

                var demand = demands.Sum(d => d.Values[i]);
                AddRow(subject, i, demand, demand); // eq. 18
            }
        }
    }

    /// <summary>
    /// eqs. 13–15: x[i+1] = A·x[i] + Σ_q B[q]·u_in[m][q][i] + Σ_d E[d]·d[i] with x[0] = x0 and the demand's own
    /// u_in (eq. 12 per demand). States exist for i = 0…N: the terminal x[N] is what the last step's input reaches.
    /// </summary>
    private void AddStateSpaceDemands()
    {
        for (var m = 0; m < subsystem.Demands.Count; m++)
        {
            if (subsystem.Demands[m] is not StateSpaceDemand demand) continue;
            var states = _model.States[m]!;
            var stateSubject = Subject.Structural($"{demand.Id}.x");
            var dynamics = Subject.Structural($"{demand.Id}.stateDynamics");
            for (var k = 0; k < demand.StateCount; k++)
            {
                states[k][0] = _lp.AddVariable(stateSubject, 0, demand.X0[k], demand.X0[k]); // eq. 15
                for (var i = 1; i <= _n; i++) states[k][i] = _lp.AddVariable(stateSubject, i, double.NegativeInfinity, double.PositiveInfinity);
            }

            var inputs = _model.InputKw[m]!;
            for (var i = 0; i < _n; i++)
            {
                for (var k = 0; k < demand.StateCount; k++)
                {
                    _terms.Clear();
                    _terms.Add((states[k][i + 1], 1));
                    for (var j = 0; j < demand.StateCount; j++) _terms.Add((states[j][i], -demand.A[k][j]));
                    foreach (var (q, column) in demand.B) _terms.Add((inputs[q][i], -column[k]));
                    var disturbance = demand.E.Sum(e => e.Value[k] * subsystem.Disturbances[e.Key][i]);
                    AddRow(dynamics, i, disturbance, disturbance); // eq. 13
                }
            }
        }
    }

    /// <summary>
    /// eqs. 16–17: ε ≥ y − sp^up and ε ≥ sp^lo − y (per the band's side), y = C·x (eq. 14), ε ≥ 0, for i = 0…N (the
    /// terminal y[N] is held in the band of step N−1); and eq. 22 per hour, Δt·γ·ε², as the convex piecewise-linear
    /// over-approximation of <see cref="SquaredSlackApproximation"/>, extended per output to the slack it can reach.
    /// </summary>
    private void AddComfortSlacks()
    {
        for (var m = 0; m < subsystem.Demands.Count; m++)
        {
            if (subsystem.Demands[m] is not StateSpaceDemand demand) continue;
            var states = _model.States[m]!;
            var slackCost = subsystem.Weights.Comfort * demand.SlackWeight * _dtHours;
            var reachable = ReachableSlack(demand);
            for (var o = 0; o < demand.OutputCount; o++)
            {
                var approximation = _model.OutputSlack[m]![o] = new SquaredSlackApproximation(options.SlackSegments, options.SlackRange, reachable[o], options.SlackTailRatio);
                var slackSubject = Subject.Structural($"{demand.Id}.y{o}.slack");
                var bandSubject = Subject.Structural($"{demand.Id}.y{o}.band");
                var segmentSubject = Subject.Structural($"{demand.Id}.y{o}.slackSegment");
                for (var i = 0; i <= _n; i++)
                {
                    var band = Math.Min(i, _n - 1);
                    // ε enters the band rows directly as Σ_k δ_k when it is priced (eq. 22), else as one variable.
                    var epsilon = _epsilonTerms;
                    epsilon.Clear();
                    if (slackCost > 0)
                    {
                        for (var k = 0; k < approximation.SegmentCount; k++)
                        {
                            var upper = k == approximation.SegmentCount - 1 ? double.PositiveInfinity : approximation.Width(k);
                            var delta = _lp.AddVariable(segmentSubject, i, 0, upper);
                            _lp.AddObjective(delta, slackCost * approximation.Slope(k)); // eq. 22
                            epsilon.Add((delta, 1));
                        }
                    }
                    else
                    {
                        epsilon.Add((_lp.AddVariable(slackSubject, i, 0, double.PositiveInfinity), 1));
                    }

                    if (demand.Band.Sided is BandSide.Both or BandSide.Upper)
                    {
                        _terms.Clear();
                        _terms.AddRange(epsilon);
                        for (var k = 0; k < demand.StateCount; k++) _terms.Add((states[k][i], -demand.C[o][k]));
                        AddRow(bandSubject, i, -demand.Band.Upper[band], double.PositiveInfinity); // eq. 16
                    }

                    if (demand.Band.Sided is BandSide.Both or BandSide.Lower)
                    {
                        _terms.Clear();
                        _terms.AddRange(epsilon);
                        for (var k = 0; k < demand.StateCount; k++) _terms.Add((states[k][i], demand.C[o][k]));
                        AddRow(bandSubject, i, demand.Band.Lower[band], double.PositiveInfinity); // eq. 17
                    }
                }
            }
        }
    }

    /// <summary>
    /// The largest slack each output can physically reach over i = 0…N: interval arithmetic on eq. 13 from x0 with each
    /// input u_in[q][i] anywhere in [0, Σ η·tech^max + Σ dischargeMax] of type q (a bound that holds for any A, B, C).
    /// Infinite when the intervals overflow.
    /// </summary>
    private double[] ReachableSlack(StateSpaceDemand demand)
    {
        var nx = demand.StateCount;
        var lo = demand.X0.ToArray();
        var hi = demand.X0.ToArray();
        var worst = new double[demand.OutputCount];
        Update(0);
        for (var i = 0; i < _n; i++)
        {
            var nextLo = new double[nx];
            var nextHi = new double[nx];
            for (var k = 0; k < nx; k++)
            {
                var disturbance = demand.E.Sum(e => e.Value[k] * subsystem.Disturbances[e.Key][i]);
                nextLo[k] = nextHi[k] = disturbance;
                for (var j = 0; j < nx; j++)
                {
                    var (a, b) = (Times(demand.A[k][j], lo[j]), Times(demand.A[k][j], hi[j]));
                    nextLo[k] += Math.Min(a, b);
                    nextHi[k] += Math.Max(a, b);
                }

                foreach (var (q, column) in demand.B)
                {
                    var reach = Times(column[k], MaxDelivered(q, i));
                    nextLo[k] += Math.Min(0, reach);
                    nextHi[k] += Math.Max(0, reach);
                }
            }

            (lo, hi) = (nextLo, nextHi);
            Update(Math.Min(i + 1, _n - 1));
        }

        return worst;

        void Update(int bandStep)
        {
            for (var o = 0; o < demand.OutputCount; o++)
            {
                double yLo = 0, yHi = 0;
                for (var k = 0; k < nx; k++)
                {
                    var (a, b) = (Times(demand.C[o][k], lo[k]), Times(demand.C[o][k], hi[k]));
                    yLo += Math.Min(a, b);
                    yHi += Math.Max(a, b);
                }

                var above = demand.Band.Sided is BandSide.Both or BandSide.Upper ? yHi - demand.Band.Upper[bandStep] : 0;
                var below = demand.Band.Sided is BandSide.Both or BandSide.Lower ? demand.Band.Lower[bandStep] - yLo : 0;
                var slack = Math.Max(above, below);
                worst[o] = double.IsNaN(slack) ? double.PositiveInfinity : Math.Max(worst[o], slack);
            }
        }

        static double Times(double coefficient, double value) => coefficient == 0 ? 0 : coefficient * value;
    }

    /// <summary>The most energy of type q that supplies and stores can deliver at step i, kW.</summary>
    private double MaxDelivered(string q, int i)
    {
        var total = 0.0;
        foreach (var conversion in subsystem.Supplies.SelectMany(s => s.Conversions))
        {
            if (conversion.EnergyType == q) total += Math.Max(0, conversion.Efficiency[i] * conversion.Max[i]);
        }

        foreach (var store in subsystem.Stores)
        {
            if (store.EnergyType == q) total += store.DischargeMax[i];
        }

        return total;
    }

    /// <summary>
    /// eq. 19 with Δt explicit, weighted by φ_nrg (eq. 23): Σ_factor α·factor[p][i]·Δt·v, plus start costs, minus what the
    /// exports earn, Σ_factor α·exportFactor[p][i]·Δt·e.
    /// </summary>
    private void AddEnergyObjective()
    {
        var phi = subsystem.Weights.Energy;
        if (phi == 0) return;
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            var supply = subsystem.Supplies[s];
            for (var c = 0; c < supply.Conversions.Count; c++)
            {
                var p = supply.Conversions[c].Resource;
                for (var i = 0; i < _n; i++)
                {
                    var perKwh = WeightedPricePerKwh(p, i);
                    if (perKwh != 0) _lp.AddObjective(_model.DrawKw[s][c][i], phi * perKwh * _dtHours);
                }
            }

            if (supply.Commitment is { StartCost: > 0 } uc)
            {
                foreach (var start in _model.StartBinary[s]!) _lp.AddObjective(start, phi * uc.StartCost);
            }
        }

        // Each exported kWh earns its export factors, with the same α: − φ_nrg·Σ_factor α·exportFactor[p][i]·Δt·e.
        for (var x = 0; x < subsystem.Exports.Count; x++)
        {
            var p = subsystem.Exports[x].Resource;
            for (var i = 0; i < _n; i++)
            {
                var perKwh = WeightedExportValuePerKwh(p, i);
                if (perKwh != 0) _lp.AddObjective(_model.ExportKw[x][i], -phi * perKwh * _dtHours);
            }
        }
    }

    /// <summary>Σ_factor α·exportFactor[p][i], per kWh of resource p exported at step i.</summary>
    private double WeightedExportValuePerKwh(string p, int i)
    {
        var perKwh = 0.0;
        foreach (var factor in district.ExportFactors.Keys) perKwh += subsystem.Weights.FactorWeight(factor) * district.ExportFactorFor(factor, p, i);
        return perKwh;
    }

    /// <summary>
    /// An export valued above the import price of its resource (weighted, Σ_factor α·factor) at some step: importing to
    /// export then pays, bounded only by the supplies' and exports' own max. No binary forbids it; warn, naming the first such step.
    /// </summary>
    private void AddExportWarnings()
    {
        if (subsystem.Weights.Energy <= 0) return;
        foreach (var export in subsystem.Exports)
        {
            for (var i = 0; i < _n; i++)
            {
                var value = WeightedExportValuePerKwh(export.Resource, i);
                var price = WeightedPricePerKwh(export.Resource, i);
                if (value <= price || export.Max[i] <= 0) continue;
                _model.WarningList.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"export {export.Id}: at step {i} exporting {export.Resource} earns {value:0.####} per kWh, more than importing it costs ({price:0.####} per kWh), so the plan may import {export.Resource} only to export it again"));
                break;
            }
        }
    }

    /// <summary>Σ_factor α·factor[p][i], per kWh of resource p drawn at step i (eq. 19).</summary>
    private double WeightedPricePerKwh(string p, int i)
    {
        var perKwh = 0.0;
        foreach (var factor in district.Factors.Keys) perKwh += subsystem.Weights.FactorWeight(factor) * district.FactorFor(factor, p, i);
        return perKwh;
    }

    /// <summary>eq. 21 per hour, weighted by φ_pen (eq. 23): Σ_i Δt·β[i]·SoC[i] for i = 0…N−1.</summary>
    private void AddStoragePenalty()
    {
        var phi = subsystem.Weights.Storage;
        if (phi == 0) return;
        for (var st = 0; st < subsystem.Stores.Count; st++)
        {
            var store = subsystem.Stores[st];
            for (var i = 0; i < _n; i++)
            {
                if (store.Penalty[i] != 0) _lp.AddObjective(_model.SocKwh[st][i], phi * store.Penalty[i] * _dtHours);
            }
        }
    }

    /// <summary>
    /// A store that is not exclusive and loses energy (η^stv·η^stu·η^stl &lt; 1) can charge and discharge in the same step:
    /// at a negative weighted price that burns energy for profit. Warn, naming the first resource and step where it can.
    /// </summary>
    private void AddStoreWarnings()
    {
        if (subsystem.Weights.Energy <= 0) return;
        foreach (var store in subsystem.Stores)
        {
            if (store.Exclusive || store.ChargeEfficiency * store.DischargeEfficiency * store.Retention >= 1) continue;
            var negative = subsystem.DrawnResources
                .SelectMany(p => Enumerable.Range(0, _n).Select(i => (Resource: p, Step: i, Price: WeightedPricePerKwh(p, i))))
                .Where(x => x.Price < 0)
                .OrderBy(x => x.Step)
                .FirstOrDefault();
            if (negative.Resource is null) continue;
            _model.WarningList.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"store {store.Id}: the weighted price of {negative.Resource} is negative ({negative.Price:0.####} per kWh) at step {negative.Step}, and the store is lossy but not exclusive, so the plan may charge and discharge it in the same step to burn energy; set \"exclusive\": true to forbid that"));
        }
    }

    /// <summary>Adds scale·(Σ_s u^sup[q] + Σ_st (u^sto − v^sto)[q]) at step i: the energy of type q delivered (eq. 12).</summary>
    private void AddEnergyInput(string q, int i, double scale = 1)
    {
        AddSupplyOutput(q, i, scale, feedingStoresOnly: false);
        for (var st = 0; st < subsystem.Stores.Count; st++)
        {
            if (subsystem.Stores[st].EnergyType != q) continue;
            _terms.Add((_model.DischargeKw[st][i], scale));
            _terms.Add((_model.ChargeKw[st][i], -scale));
        }
    }

    /// <summary>Adds scale·Σ_s u^sup[s, q] = scale·Σ η·v over conversions producing q (eq. 1).</summary>
    private void AddSupplyOutput(string q, int i, double scale, bool feedingStoresOnly)
    {
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            var supply = subsystem.Supplies[s];
            if (feedingStoresOnly && !supply.FeedsStores) continue;
            for (var c = 0; c < supply.Conversions.Count; c++)
            {
                var conversion = supply.Conversions[c];
                if (conversion.EnergyType == q) _terms.Add((_model.DrawKw[s][c][i], scale * conversion.Efficiency[i]));
            }
        }
    }

    /// <summary>Adds scale·Σ_s v^sup[s, p]: the draw of resource p (eq. 25).</summary>
    private void AddDraw(string p, int i, double scale)
    {
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            var supply = subsystem.Supplies[s];
            for (var c = 0; c < supply.Conversions.Count; c++)
            {
                if (supply.Conversions[c].Resource == p) _terms.Add((_model.DrawKw[s][c][i], scale));
            }
        }
    }

    private void AddRow(Subject subject, int step, double lower, double upper) =>
        _lp.AddRow(subject, step, lower, upper, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_terms));

    private void Row(Subject subject, int step, double lower, double upper, params ReadOnlySpan<(int Variable, double Coefficient)> terms)
    {
        _terms.Clear();
        foreach (var term in terms)
        {
            if (term.Variable >= 0) _terms.Add(term);
        }

        AddRow(subject, step, lower, upper);
    }
}

using System.Globalization;
using Sems.Engine.Coordination;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Flexibility;

/// <summary>
/// How far a subsystem's planned draw of one resource can move, step by step, and at what marginal cost: what a DSO
/// asks before it sets a limit (the API's <c>GetFlexibility</c>).
/// <para>
/// <b>Floor</b> (DownKw = plan − floor). The coordinator's tightening taken to the end: Pmax of the resource set to
/// max(Pmin, 0) kW at every step (<see cref="Subsystem.WithResourceMax"/>, the builder and the solver exactly as a
/// re-solve of Algorithm 1 runs, so comfort slack and penalties price the cut as they would there). When that is
/// infeasible (the draw cannot reach 0 kW everywhere, e.g. a fixed demand that only the grid can meet) the floor is the
/// least energy (kWh) the subsystem can draw with no step above its plan, and the least objective among those plans
/// (two lexicographic solves). Either way the floor is one plan, so every step's DownKw is available at once.
/// </para>
/// <para>
/// <b>Ceiling</b> (UpKw = ceiling − plan). The most energy drawable with no step below the plan, and the least
/// objective among those plans, within every constraint of the subsystem (soft ones at their price).
/// </para>
/// <para>
/// <b>Marginal costs</b>. The cost of the first kWh when one step alone draws less (more), every other step re-planned
/// freely within its limits: the left (right) derivative of J(c) = min J s.t. drawKw[i] ≤ c (≥ c) at c = plan[i],
/// which is what re-solving with Pmax[i] = plan[i] − δ through the coordinator's path measures as ΔJ/δ. It is read as
/// the dual of that row after moving it by <see cref="ProbeKw"/>: J (eq. 23) is per hour with Δt explicit, so a dual is
/// objective per kW held over one step; ÷ Δt (h) gives objective per kWh, and ÷ φ_nrg·α_cost (the objective's weight of
/// one unit of money) gives money per kWh. The duals of a re-solve with the draw pinned at the plan are not used: at an
/// optimal plan 0 is always among that problem's duals (the plan needs no pin), so a solver may return any subgradient
/// between the left and the right derivative, and on the EV hub example at step 10 GLOP returns 0.106 GBP/kWh where the first kWh
/// down costs 0.0005 (the charging is postponed to a step about as cheap). The one-sided derivatives need one re-solve per step
/// and direction; they run warm from the previous basis in one <see cref="LpSession"/>, a few pivots each.
/// </para>
/// <para>
/// A subsystem with unit commitment or exclusive stores is a MILP: its floor through the coordinator's path is a MILP
/// re-solve (units may switch); the fallback floor, the ceiling and the marginal costs hold the plan's on/off decisions
/// and store directions, and price the continuous moves around them.
/// </para>
/// </summary>
public static class FlexibilityAnalyzer
{
    /// <summary>How far (kW) a step's draw row is moved to read its one-sided dual: inside the first linear piece of J(c) unless that piece is narrower.</summary>
    public const double ProbeKw = 1e-3;

    /// <summary>Amounts and costs within this of 0 (kW, money per kWh) are solver tolerance and reported as 0.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Relative difference allowed between the plan's objective and the optimum of the subsystem given with it.</summary>
    public const double PlanObjectiveTolerance = 1e-4;

    /// <summary>
    /// Analyses <paramref name="plan"/>, which must be an optimal plan of <paramref name="subsystem"/> in
    /// <paramref name="district"/> under <paramref name="options"/> (the subsystem as it was solved, a coordinator's
    /// tightened Pmax included): moves are measured against its draw and priced against its objective.
    /// </summary>
    /// <exception cref="ArgumentException">The resource is not drawn by the subsystem, the plan has none or is not the
    /// subsystem's optimum.</exception>
    /// <exception cref="InvalidOperationException">A solve failed (time limit, numerical trouble).</exception>
    public static SubsystemFlexibility Analyze(District district, Subsystem subsystem, string resource, MpcOptions options, SubsystemResult plan)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(subsystem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(plan);
        var planned = Validate(district, subsystem, resource, plan);
        var n = district.HorizonSteps;
        var dt = district.StepHours;
        var lowest = new double[n];
        for (var i = 0; i < n; i++) lowest[i] = Math.Max(0, subsystem.Resources.TryGetValue(resource, out var bounds) ? bounds.Min[i] : 0);
        var peak = LocalCoordinator.PeakKw(subsystem)[resource];

        // 1. The floor as the coordinator would tighten: Pmax = max(Pmin, 0) kW at every step.
        var capped = SubsystemModelBuilder.Build(district, subsystem.WithResourceMax(resource, Series.Of(lowest)), options);
        var capSolution = OrToolsSolver.Solve(capped.Program, options.Solver);
        if (!capSolution.HasValues && capSolution.Status != SolveStatus.Infeasible)
            throw new InvalidOperationException($"subsystem {subsystem.Id}: the re-solve with {resource} Pmax at max(Pmin, 0) kW stopped {capSolution.Status.ToString().ToLowerInvariant()}: {capSolution.Message}");
        var floor = capSolution.HasValues ? Draw(capped, resource, capSolution.Values) : null;

        // 2. The plan's own problem, loaded once; every further solve is warm from the last basis.
        var program = DrawProgram.From(SubsystemModelBuilder.Build(district, subsystem, options), resource, plan);
        using var session = LpSession.Open(program.Program, options.Solver);
        var optimum = Require(session.Solve(readSolution: false), subsystem, "the plan's problem");
        CheckPlanObjective(subsystem, plan, optimum.Objective, program.FixedIntegers);

        floor ??= Extreme(session, program, planned, dt, lower: true, subsystem);
        var ceiling = Extreme(session, program, planned, dt, lower: false, subsystem);

        // 3. One-sided marginal costs, one warm re-solve per step and direction with room to move.
        var weights = subsystem.Weights;
        var perCurrency = weights.Energy * weights.FactorWeight(MoneyFactor);
        var scale = dt * (perCurrency > 0 ? perCurrency : 1.0);
        var steps = new FlexibilityStep[n];
        for (var i = 0; i < n; i++)
        {
            var row = program.DrawRows[i];
            var down = planned[i] - ProbeKw < lowest[i] - Tolerance
                ? double.PositiveInfinity
                : Probe(session, row, double.NegativeInfinity, planned[i] - ProbeKw, subsystem, i, -1 / scale);
            var up = planned[i] + ProbeKw > peak[i] + Tolerance
                ? double.PositiveInfinity
                : Probe(session, row, planned[i] + ProbeKw, double.PositiveInfinity, subsystem, i, 1 / scale);
            steps[i] = new FlexibilityStep(i, planned[i], Clean(planned[i] - floor[i]), Clean(ceiling[i] - planned[i]), down, up);
        }

        var unit = perCurrency > 0 ? $"{district.Currency ?? "currency units"} per kWh" : "objective units per kWh";
        var warm = session.SolveCount - 1;
        return new SubsystemFlexibility(subsystem.Id, resource, steps, Describe(resource, floor: capSolution.HasValues, program.FixedIntegers, perCurrency, unit, dt, warm))
        {
            Currency = district.Currency,
            CostUnit = unit,
            FloorAtLimit = capSolution.HasValues,
            ColdSolves = 2,
            WarmSolves = warm,
        };
    }

    /// <summary>The factor whose weight α converts the objective into money (the district format's cost factor, in the district's currency per kWh).</summary>
    public const string MoneyFactor = "cost";

    private static IReadOnlyList<double> Validate(District district, Subsystem subsystem, string resource, SubsystemResult plan)
    {
        if (string.IsNullOrEmpty(resource)) throw new ArgumentException("resource: an empty name is not a resource", nameof(resource));
        var drawn = subsystem.DrawnResources;
        if (!drawn.Contains(resource, StringComparer.Ordinal))
            throw new ArgumentException($"resource: \"{resource}\" is not drawn by any supply of subsystem {subsystem.Id} (it draws {string.Join(", ", drawn)})", nameof(resource));
        if (plan.Id != subsystem.Id) throw new ArgumentException($"plan: is the plan of subsystem {plan.Id}, not of {subsystem.Id}", nameof(plan));
        if (!plan.HasPlan) throw new ArgumentException($"plan: subsystem {subsystem.Id} has no plan to analyse (status {plan.Status.ToString().ToLowerInvariant()})", nameof(plan));
        if (!plan.DrawKw.TryGetValue(resource, out var planned) || planned.Count != district.HorizonSteps)
            throw new ArgumentException($"plan: has {(planned is null ? "no" : planned.Count.ToString(CultureInfo.InvariantCulture))} {resource} draw values where the horizon has {district.HorizonSteps} steps", nameof(plan));
        return planned;
    }

    /// <summary>The plan must be this problem's optimum (a MILP plan: its continuous part may still improve, within the gap).</summary>
    private static void CheckPlanObjective(Subsystem subsystem, SubsystemResult plan, double optimum, bool fixedIntegers)
    {
        var tolerance = PlanObjectiveTolerance * Math.Max(1, Math.Abs(plan.ModelObjective));
        var worse = optimum > plan.ModelObjective + tolerance;
        var better = optimum < plan.ModelObjective - tolerance;
        if (worse || (better && !fixedIntegers))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"plan: its objective {plan.ModelObjective:0.######} is not the optimum {optimum:0.######} of subsystem {subsystem.Id} as given; analyse the subsystem the plan was solved for (its tightened limits and initial state included)"), nameof(plan));
    }

    /// <summary>
    /// The fallback floor (<paramref name="lower"/>) or the ceiling: phase 1 finds the least (most) energy drawable with
    /// every step at or below (above) the plan; phase 2 the least objective with that energy.
    /// Every bound and coefficient it changes is restored.
    /// </summary>
    private static double[] Extreme(LpSession session, DrawProgram program, IReadOnlyList<double> planned, double dt, bool lower, Subsystem subsystem)
    {
        var n = planned.Count;
        for (var i = 0; i < n; i++)
            session.SetRowBounds(program.DrawRows[i], lower ? double.NegativeInfinity : planned[i], lower ? planned[i] : double.PositiveInfinity);

        SetObjective(session, program, drawOnly: lower ? dt : -dt);
        var what = lower ? "the least energy drawn with no step above the plan" : "the most energy drawn with no step below the plan";
        Require(session.Solve(readSolution: false), subsystem, what);
        var energyKwh = 0.0;
        foreach (var step in program.DrawVariables) foreach (var v in step) energyKwh += dt * session.Value(v);
        SetObjective(session, program, drawOnly: null);

        // Phase 2 holds the energy to phase 1's within 1e-9 relative (GLOP's feasibility tolerance is 1e-8 absolute on
        // rows this size); were it infeasible by tolerance, 1e-6 relative.
        var solved = false;
        foreach (var relative in (ReadOnlySpan<double>)[1e-9, 1e-6])
        {
            var slack = relative * Math.Max(1, Math.Abs(energyKwh));
            session.SetRowBounds(program.EnergyRow, lower ? double.NegativeInfinity : energyKwh - slack, lower ? energyKwh + slack : double.PositiveInfinity);
            var second = session.Solve(readSolution: false);
            if (second.Status == SolveStatus.Infeasible) continue;
            Require(second, subsystem, $"the least objective at {what}");
            solved = true;
            break;
        }

        if (!solved) throw new InvalidOperationException($"subsystem {subsystem.Id}: solving the least objective at {what} stopped infeasible although {what} was found");
        var draw = new double[n];
        for (var i = 0; i < n; i++) foreach (var v in program.DrawVariables[i]) draw[i] += session.Value(v);

        session.SetRowBounds(program.EnergyRow, double.NegativeInfinity, double.PositiveInfinity);
        for (var i = 0; i < n; i++) session.SetRowBounds(program.DrawRows[i], double.NegativeInfinity, double.PositiveInfinity);
        return draw;
    }

    /// <summary>The model's objective (<paramref name="drawOnly"/> null), or only <paramref name="drawOnly"/> per kW on each draw variable.</summary>
    private static void SetObjective(LpSession session, DrawProgram program, double? drawOnly)
    {
        for (var j = 0; j < program.Objective.Length; j++)
        {
            if (program.Objective[j] != 0) session.SetObjectiveCoefficient(j, drawOnly is null ? program.Objective[j] : 0);
        }

        if (drawOnly is not { } perKw) return;
        foreach (var step in program.DrawVariables) foreach (var v in step) session.SetObjectiveCoefficient(v, perKw);
    }

    /// <summary>Moves one step's draw row, re-solves warm, returns dual·<paramref name="perDual"/> (+∞ when infeasible), restores the row.</summary>
    private static double Probe(LpSession session, int row, double lower, double upper, Subsystem subsystem, int step, double perDual)
    {
        session.SetRowBounds(row, lower, upper);
        var solution = session.Solve(readSolution: false);
        var cost = solution.Status switch
        {
            SolveStatus.Optimal => Clean(session.RowDual(row) * perDual),
            SolveStatus.Infeasible => double.PositiveInfinity,
            _ => throw new InvalidOperationException($"subsystem {subsystem.Id}: the re-solve moving step {step}'s draw stopped {solution.Status.ToString().ToLowerInvariant()}: {solution.Message}"),
        };
        session.SetRowBounds(row, double.NegativeInfinity, double.PositiveInfinity);
        return cost;
    }

    private static LpSolution Require(LpSolution solution, Subsystem subsystem, string what) =>
        solution.Status == SolveStatus.Optimal
            ? solution
            : throw new InvalidOperationException($"subsystem {subsystem.Id}: solving {what} stopped {solution.Status.ToString().ToLowerInvariant()}{(solution.Message is null ? "" : $": {solution.Message}")}");

    private static double[] Draw(SubsystemModel model, string resource, IReadOnlyList<double> values)
    {
        var draw = new double[model.Steps];
        for (var s = 0; s < model.Subsystem.Supplies.Count; s++)
        {
            var conversions = model.Subsystem.Supplies[s].Conversions;
            for (var c = 0; c < conversions.Count; c++)
            {
                if (conversions[c].Resource != resource) continue;
                for (var i = 0; i < draw.Length; i++) draw[i] += values[model.DrawKw[s][c][i]];
            }
        }

        return draw;
    }

    private static string Describe(string resource, bool floor, bool fixedIntegers, double perCurrency, string unit, double dt, int warm)
    {
        var text = new System.Text.StringBuilder();
        text.Append(floor
            ? $"floor: {resource} Pmax tightened to max(Pmin, 0) kW at every step, re-solved as the coordinator re-solves"
            : $"floor: {resource} Pmax at max(Pmin, 0) kW is infeasible, so the least {resource} energy (kWh) drawable with no step above the plan, least objective among those");
        text.Append($"; ceiling: the most {resource} energy (kWh) drawable with no step below the plan, least objective among those");
        text.Append(string.Create(CultureInfo.InvariantCulture,
            $"; marginal costs ({unit}): one step alone moved {ProbeKw} kW, every other step re-planned, dual of its draw row ÷ Δt ({dt:0.####} h)"));
        text.Append(perCurrency > 0 ? string.Create(CultureInfo.InvariantCulture, $" ÷ φ_nrg·α_cost ({perCurrency:0.####})") : " (the subsystem does not weigh cost: objective units)");
        if (fixedIntegers) text.Append("; on/off decisions and exclusive store directions held as planned except in the floor's re-solve");
        text.Append(string.Create(CultureInfo.InvariantCulture, $"; 2 solves from scratch, {warm} warm LP re-solves"));
        return text.ToString();
    }

    /// <summary>Solver tolerance leaves amounts such as −3e-9 kW where the exact value is 0: within <see cref="Tolerance"/> they are reported as 0.</summary>
    private static double Clean(double value) => Math.Abs(value) < Tolerance ? 0 : value;
}

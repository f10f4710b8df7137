using System.Globalization;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Market;

/// <summary>
/// Solves one prosumer's scheduling MILP (<see cref="ProsumerModelBuilder"/>) against a request's prices and reads back
/// its schedule and dispatch. The LP relaxation is solved first (GLOP, a millisecond or two); when its answer is not
/// integral-feasible, a small branch and bound of warm GLOP re-solves (<see cref="ProsumerBranchAndBound"/>) finds the
/// MILP's optimum, and only a tree beyond <see cref="ProsumerSolverOptions.NodeLimit"/> nodes is left to SCIP. An
/// infeasible problem is answered with a problem that names the first step short and by how many kW, never an
/// exception; invalid input throws an <see cref="ArgumentException"/>.
/// </summary>
public static class ProsumerSolver
{
    /// <summary>Values below this are zero; a relaxed binary within this of 0 or 1 is integral.</summary>
    private const double Zero = 1e-9;

    /// <summary>A shortfall of the diagnostic model above this, kW, is reported.</summary>
    private const double ShortTolerance = 1e-6;

    private static long _relaxation;
    private static long _branchAndBound;
    private static long _nodes;
    private static long _milp;
    private static long _noSchedule;

    /// <summary>How many solves in this process took each path since the start or the last <see cref="ResetCounts"/>.</summary>
    public static ProsumerSolveCounts Counts => new(Interlocked.Read(ref _relaxation), Interlocked.Read(ref _branchAndBound), Interlocked.Read(ref _milp), Interlocked.Read(ref _noSchedule))
    {
        BranchAndBoundNodes = Interlocked.Read(ref _nodes),
    };

    /// <summary>Sets <see cref="Counts"/> back to zero.</summary>
    public static void ResetCounts()
    {
        Interlocked.Exchange(ref _relaxation, 0);
        Interlocked.Exchange(ref _branchAndBound, 0);
        Interlocked.Exchange(ref _nodes, 0);
        Interlocked.Exchange(ref _milp, 0);
        Interlocked.Exchange(ref _noSchedule, 0);
    }

    /// <summary>The least-cost schedule of <paramref name="prosumer"/> at the prices of <paramref name="request"/>, with steps of <paramref name="stepHours"/> hours.</summary>
    /// <exception cref="ArgumentException">The prosumer or the request cannot be modelled (see <see cref="ProsumerModelBuilder.Validate"/>).</exception>
    public static ProsumerSolution Solve(Prosumer prosumer, double stepHours, ProsumerRequest request, ProsumerSolverOptions? options = null)
    {
        options ??= ProsumerSolverOptions.Default;
        ArgumentNullException.ThrowIfNull(prosumer);
        if (!RelaxationFirst(prosumer, options))
        {
            ProsumerModelBuilder.Validate(prosumer, stepHours, request);
            return SolveMilp(prosumer, stepHours, request, options, double.NaN);
        }

        var relaxed = ProsumerModelBuilder.Build(prosumer, stepHours, request, integer: false);
        using var session = LpSession.Open(relaxed.Program, options.Solver);
        return SolveRelaxed(relaxed, session, options);
    }

    /// <summary>Whether the relaxation is solved first: by the options, and always for a prosumer without binaries (whose model is an LP).</summary>
    internal static bool RelaxationFirst(Prosumer prosumer, ProsumerSolverOptions options) =>
        options.RelaxationFirst || (prosumer.Battery is null && prosumer.FlexibleLoads.Count == 0);

    /// <summary>
    /// Solves from the relaxation of <paramref name="relaxed"/>, whose program (with its request's prices and limits)
    /// is what <paramref name="session"/> holds; the session's bounds are the program's again on return.
    /// </summary>
    internal static ProsumerSolution SolveRelaxed(ProsumerModel relaxed, LpSession session, ProsumerSolverOptions options)
    {
        var (prosumer, stepHours, request) = (relaxed.Prosumer, relaxed.StepHours, relaxed.Request);
        var lp = session.Solve(readSolution: true, readDuals: false);
        // The relaxation's feasible set contains the MILP's: if it has no point, neither has the MILP.
        if (lp.Status == SolveStatus.Infeasible) return Infeasible(prosumer, stepHours, request, options, double.NaN);
        if (!lp.HasValues) return Failed(lp, double.NaN);
        // A relaxation stopped before its optimum bounds nothing: leave the problem to SCIP.
        if (lp.Status != SolveStatus.Optimal) return SolveMilp(prosumer, stepHours, request, options, double.NaN);
        var relaxationObjective = lp.Objective;
        // The relaxation's optimum is a lower bound on the MILP's (its feasible set is larger). An answer that is
        // also MILP-feasible (a binary assignment exists: no step both charges and discharges, so charging = 1 where
        // it charges and 0 where it discharges satisfies both exclusivity rows; every start binary already 0 or 1)
        // reaches that bound, so it is the MILP's optimum and no integer solve is needed. Import and export need no
        // check: they are netted exactly (see ProsumerModelBuilder).
        if (IntegralFeasible(relaxed, lp.Values))
        {
            Interlocked.Increment(ref _relaxation);
            return Read(relaxed, lp.Values) with { Path = ProsumerSolvePath.Relaxation, RelaxationObjective = relaxationObjective };
        }

        if (options.NodeLimit > 0)
        {
            var best = ProsumerBranchAndBound.Run(relaxed, session, lp, options.NodeLimit, out var nodes, out var completed);
            if (completed && best is null) return Infeasible(prosumer, stepHours, request, options, relaxationObjective);
            if (best is not null)
            {
                Interlocked.Increment(ref _branchAndBound);
                Interlocked.Add(ref _nodes, nodes);
                return Read(relaxed, best.Values) with { Path = ProsumerSolvePath.BranchAndBound, RelaxationObjective = relaxationObjective, Nodes = nodes };
            }
        }

        return SolveMilp(prosumer, stepHours, request, options, relaxationObjective);
    }

    /// <summary>The MILP with SCIP.</summary>
    private static ProsumerSolution SolveMilp(Prosumer prosumer, double stepHours, ProsumerRequest request, ProsumerSolverOptions options, double relaxationObjective)
    {
        var model = ProsumerModelBuilder.Build(prosumer, stepHours, request, integer: true);
        var milp = OrToolsSolver.Solve(model.Program, options.Solver);
        if (milp.Status == SolveStatus.Infeasible) return Infeasible(prosumer, stepHours, request, options, relaxationObjective);
        if (!milp.HasValues) return Failed(milp, relaxationObjective);
        Interlocked.Increment(ref _milp);
        return Read(model, milp.Values) with { Path = ProsumerSolvePath.Milp, RelaxationObjective = relaxationObjective };
    }

    /// <summary>Whether a solution of the relaxation satisfies the MILP's integrality (within <see cref="Zero"/>).</summary>
    internal static bool IntegralFeasible(ProsumerModel model, IReadOnlyList<double> x)
    {
        for (var t = 0; t < model.ChargeKw.Length; t++)
        {
            if (x[model.ChargeKw[t]] > Zero && x[model.DischargeKw[t]] > Zero) return false;
        }

        foreach (var binaries in model.StartBinary)
        {
            foreach (var j in binaries)
            {
                if (Math.Abs(x[j] - Math.Round(x[j])) > Zero) return false;
            }
        }

        return true;
    }

    /// <summary>The schedule and dispatch of an integral-feasible solution: tiny values cleaned, import and export netted.</summary>
    private static ProsumerSolution Read(ProsumerModel model, IReadOnlyList<double> x)
    {
        var prosumer = model.Prosumer;
        var request = model.Request;
        var n = model.Steps;
        var import = new double[n];
        var export = new double[n];
        var pvUsed = new double[n];
        var charge = new double[n];
        var discharge = new double[n];
        var energyCost = 0.0;
        for (var t = 0; t < n; t++)
        {
            var i = Math.Clamp(Clean(x[model.ImportKw[t]]), 0, model.ImportLimitKw[t]);
            var e = Math.Clamp(Clean(x[model.ExportKw[t]]), 0, model.ExportLimitKw[t]);
            // Both > 0 only at a tie (buy = sell): lowering both by the smaller keeps the balance and the cost.
            var both = Math.Min(i, e);
            import[t] = i - both;
            export[t] = e - both;
            pvUsed[t] = Math.Clamp(Clean(x[model.PvUsedKw[t]]), 0, prosumer.PvKw[t]);
            if (prosumer.Battery is not null)
            {
                charge[t] = Math.Max(0, Clean(x[model.ChargeKw[t]]));
                discharge[t] = Math.Max(0, Clean(x[model.DischargeKw[t]]));
            }

            energyCost += model.StepHours * (request.BuyPerKwh[t] * import[t] - request.SellPerKwh[t] * export[t]);
        }

        var soc = model.SocKwh.Select(j => Clean(x[j])).ToArray();
        var flexible = new double[n];
        var starts = new int[prosumer.FlexibleLoads.Count];
        var discomfort = 0.0;
        for (var l = 0; l < starts.Length; l++)
        {
            var load = prosumer.FlexibleLoads[l];
            var binaries = model.StartBinary[l];
            var best = 0;
            for (var k = 1; k < binaries.Length; k++)
            {
                if (x[binaries[k]] > x[binaries[best]]) best = k;
            }

            var start = starts[l] = load.EarliestStartStep + best;
            for (var k = 0; k < load.ProfileKw.Count; k++) flexible[start + k] += load.ProfileKw[k];
            discomfort += load.DelayCostPerStep * Math.Abs(start - load.PreferredStartStep);
        }

        var schedule = new ProsumerSchedule(prosumer.Id, request.Iteration, import, export, energyCost, discomfort);
        return new ProsumerSolution(schedule, new ProsumerDispatch(pvUsed, charge, discharge, soc, flexible, starts), null);
    }

    /// <summary>
    /// Explains an infeasible problem: the diagnostic model (a kW-short slack in every step's balance, objective the
    /// total shortfall) gives the least shortfall any schedule has, and where it falls.
    /// </summary>
    private static ProsumerSolution Infeasible(Prosumer prosumer, double stepHours, ProsumerRequest request, ProsumerSolverOptions options, double relaxationObjective)
    {
        Interlocked.Increment(ref _noSchedule);
        var model = ProsumerModelBuilder.Build(prosumer, stepHours, request, integer: true, shortfall: true);
        var diagnosis = OrToolsSolver.Solve(model.Program, options.Solver);
        var problem = "infeasible: no schedule meets the load within the import limits";
        if (diagnosis.HasValues)
        {
            var x = diagnosis.Values;
            var shortSteps = Enumerable.Range(0, model.Steps).Where(t => x[model.ShortKw[t]] > ShortTolerance).ToList();
            if (shortSteps.Count > 0)
            {
                var t = shortSteps[0];
                var demand = prosumer.LoadKw[t];
                for (var l = 0; l < prosumer.FlexibleLoads.Count; l++)
                {
                    var load = prosumer.FlexibleLoads[l];
                    for (var k = 0; k < model.StartBinary[l].Length; k++)
                    {
                        var offset = t - (load.EarliestStartStep + k);
                        if (offset >= 0 && offset < load.ProfileKw.Count && x[model.StartBinary[l][k]] > 0.5) demand += load.ProfileKw[offset];
                    }
                }

                var battery = prosumer.Battery is null ? "" : " and the battery";
                problem = $"infeasible: {Num(x[model.ShortKw[t]])} kW short at step {t}: a load of {Num(demand)} kW against an import limit of {Num(model.ImportLimitKw[t])} kW, which PV ({Num(prosumer.PvKw[t])} kW){battery} cannot cover";
                if (shortSteps.Count > 1)
                    problem += $"; {shortSteps.Count} steps short, {Num(shortSteps.Sum(s => x[model.ShortKw[s]]) * stepHours)} kWh in all";
            }
        }

        return new ProsumerSolution(null, null, problem) { Path = ProsumerSolvePath.None, RelaxationObjective = relaxationObjective };
    }

    private static ProsumerSolution Failed(LpSolution solution, double relaxationObjective)
    {
        Interlocked.Increment(ref _noSchedule);
        var why = solution.Message ?? $"{solution.Solver} ended {solution.Status.ToString().ToLowerInvariant()}";
        return new ProsumerSolution(null, null, $"no schedule: {why}") { Path = ProsumerSolvePath.None, RelaxationObjective = relaxationObjective };
    }

    private static double Clean(double value) => Math.Abs(value) < Zero ? 0 : value;

    private static string Num(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);
}

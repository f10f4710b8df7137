using System.Collections.Concurrent;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Coordination.Economic;

/// <summary>
/// Economic coordination of a whole district in one process: every subsystem solved on its own, then
/// <see cref="EconomicCoordinator"/> with the pricing and the repair answered by <see cref="SubsystemSolver"/>'s models
/// in parallel. An LP subsystem keeps one warm GLOP session across the rounds (only its draw variables' objective
/// coefficients change: J's own coefficient + price·Δt); a MILP subsystem is rebuilt and solved by the MILP backend.
/// For tests, scripts and the CLI; grains answer the same two batches across a cluster.
/// </summary>
public static class EconomicLocal
{
    public static async ValueTask<EconomicLocalOutcome> RunAsync(
        District district,
        MpcOptions? options = null,
        EconomicOptions? economic = null,
        EconomicWarmStart? warm = null,
        int maxParallelism = -1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(district);
        var (planning, margins) = RiskMargin.Lower(district);
        if (margins is null) return await RunPlainAsync(district, options, economic, warm, maxParallelism, cancellationToken);
        var with = await RunPlainAsync(planning, options, economic, warm, maxParallelism, cancellationToken);
        var without = await RunPlainAsync(RiskMargin.WithoutMargin(district), options, economic, warm, maxParallelism, cancellationToken);
        var tree = LimitTree.Of(district.Grid);
        var net = district.Subsystems.Select((s, k) => (s.Node, with.Final[k].NetDrawKw)).ToList();
        var loads = NodeLoads.Compute(margins.PlanningLimits, net, district.HorizonSteps, district.StepHours);
        var shortfall = loads.GroupBy(l => l.NodeId, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, double>)g.ToDictionary(l => l.Resource, l => l.ViolationKwh, StringComparer.Ordinal), StringComparer.Ordinal);
        var risk = new RiskMarginReport(margins.RiskLevel, margins.Z, margins.MarginKw,
            tree.NodeIds.Select((id, n) => (id, n)).ToDictionary(x => x.id, x => margins.PlanningLimits.ImportMaxKw[x.n], StringComparer.Ordinal),
            shortfall, margins.Warnings,
            with.Final.Sum(p => p.Objective), without.Final.Sum(p => p.Objective),
            RiskMargin.FactorTotals(with.Final), RiskMargin.FactorTotals(without.Final));
        return with with { Risk = risk };
    }

    private static async ValueTask<EconomicLocalOutcome> RunPlainAsync(
        District district, MpcOptions? options, EconomicOptions? economic, EconomicWarmStart? warm, int maxParallelism, CancellationToken cancellationToken)
    {
        options ??= MpcOptions.Default;
        economic ??= EconomicOptions.Default with { MaxRounds = district.Coordination.MaxRounds };
        var initial = DistrictSolver.SolveAll(district, options, maxParallelism);
        var subsystems = district.Subsystems.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var models = district.Subsystems.ToDictionary(s => s.Id, s => SubsystemModelBuilder.Build(district, s, options), StringComparer.Ordinal);
        var participants = district.Subsystems.Select((s, k) => new EconomicParticipant(
            s.Id, s.Node,
            initial[k].HasPlan ? initial[k].DrawKw : LocalCoordinator.PeakKw(s),
            initial[k].HasPlan ? initial[k].ModelObjective : double.NaN,
            models[s.Id].Program.HasIntegers,
            initial[k].HasPlan) { IsOwnOptimum = initial[k].Status == SolveStatus.Optimal }).ToList();

        // Every plan a participant proposed, by its draw dictionary, so a refused repair can hand back the full plan.
        var plans = new ConcurrentDictionary<object, SubsystemResult>(ReferenceEqualityComparer.Instance);
        for (var k = 0; k < initial.Count; k++)
        {
            if (initial[k].HasPlan) plans[participants[k].DrawKw] = initial[k];
        }

        var sessions = new ConcurrentDictionary<string, LpSession>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken };
        // One batch at a time, in the order the coordinator asks: two price batches of one round may ask the same
        // subsystem, and the warm basis its session keeps decides which of equally cheap plans GLOP returns, so a race
        // between batches would make the rounds differ from run to run.
        using var oneBatch = new SemaphoreSlim(1, 1);
        try
        {
            var report = await EconomicCoordinator.RunAsync(district.StepHours, district.HorizonSteps, LimitTree.Of(district.Grid), participants,
                async (requests, ct) =>
                {
                    var answers = new PricedPlan[requests.Count];
                    await oneBatch.WaitAsync(ct);
                    try
                    {
                        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), parallel, (a, _) =>
                        {
                            var (plan, result) = Price(models[requests[a].Participant.Id], requests[a].PricePerKwh, options, sessions);
                            answers[a] = plan;
                            if (result is not null) plans[plan.DrawKw] = result;
                            return ValueTask.CompletedTask;
                        });
                    }
                    finally
                    {
                        oneBatch.Release();
                    }

                    return answers;
                },
                async (requests, ct) =>
                {
                    var answers = new RepairedPlan[requests.Count];
                    await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), parallel, (a, _) =>
                    {
                        var subsystem = subsystems[requests[a].Participant.Id];
                        foreach (var (resource, max) in requests[a].MaxKw) subsystem = subsystem.WithResourceMax(resource, Tighter(subsystem, resource, max));
                        var (result, capPrices) = Capped(district, subsystem, requests[a].MaxKw.Keys, options);
                        if (result.HasPlan)
                        {
                            plans[result.DrawKw] = result;
                            answers[a] = new RepairedPlan(true, result.ModelObjective, result.DrawKw) { CapPricePerKwh = capPrices };
                        }
                        else
                        {
                            answers[a] = new RepairedPlan(false, double.NaN, new Dictionary<string, IReadOnlyList<double>>(), LocalCoordinator.Reason(result));
                        }

                        return ValueTask.CompletedTask;
                    });
                    return answers;
                },
                economic, warm, cancellationToken);

            var final = district.Subsystems.Select((s, k) =>
                plans.TryGetValue(report.Participants[k].DrawKw, out var plan) ? plan : initial[k]).ToList();
            return new EconomicLocalOutcome(report, final, initial);
        }
        finally
        {
            foreach (var session in sessions.Values) session.Dispose();
        }
    }

    /// <summary>
    /// Solves a capped subsystem; for an LP also reads the marginal value of each cap, −dual of its eq. 5 row ÷ Δt per
    /// kWh. An infeasible or integer one goes through <see cref="SubsystemSolver.Solve"/> (which explains a refusal).
    /// </summary>
    private static (SubsystemResult Result, IReadOnlyDictionary<string, IReadOnlyList<double>>? CapPricePerKwh) Capped(
        District district, Subsystem subsystem, IEnumerable<string> capped, MpcOptions options)
    {
        var model = SubsystemModelBuilder.Build(district, subsystem, options);
        if (model.Program.HasIntegers) return (SubsystemSolver.Solve(district, subsystem, options), null);
        LpSolution solution;
        using (var session = LpSession.Open(model.Program, options.Solver)) solution = session.Solve();
        if (!solution.HasValues || solution.RowDuals.Count != model.Program.RowCount) return (SubsystemSolver.Solve(district, subsystem, options), null);
        var prices = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var names = capped.ToDictionary(p => $"{p}DrawKw", p => p, StringComparer.Ordinal);
        var program = model.Program;
        for (var r = 0; r < program.RowCount; r++)
        {
            var subject = program.RowSubject(r);
            if (subject.Family != ConstraintFamily.ResourceLimits || !names.TryGetValue(subject.Name, out var resource)) continue;
            if (!prices.TryGetValue(resource, out var series)) prices[resource] = series = new double[model.Steps];
            ((double[])series)[program.RowStep(r)] = Math.Max(0, -solution.RowDuals[r]) / district.StepHours;
        }

        return (SubsystemSolver.Read(model, solution, TimeSpan.Zero), prices);
    }

    /// <summary>A cap of a request, never looser than the subsystem's own bound on that resource (a cap may be +∞: none at that step).</summary>
    private static Series Tighter(Subsystem subsystem, string resource, IReadOnlyList<double> maxKw)
    {
        var own = subsystem.Resources.TryGetValue(resource, out var bounds) ? bounds.Max : null;
        return Series.Of(maxKw.Select((cap, i) => own is null ? cap : Math.Min(cap, own[i])));
    }

    /// <summary>
    /// Solves min J + Σ price·Δt·draw for one subsystem: each draw variable of resource p at step i gets
    /// price[p][i]·Δt added to its objective coefficient. Returns the answer and the plan read as a full result.
    /// </summary>
    internal static (PricedPlan Plan, SubsystemResult? Result) Price(
        SubsystemModel model, IReadOnlyDictionary<string, IReadOnlyList<double>> pricePerKwh, MpcOptions options, ConcurrentDictionary<string, LpSession> sessions)
    {
        var program = model.Program;
        var dt = model.District.StepHours;
        var supplies = model.Subsystem.Supplies;
        LpSolution solution;
        if (!program.HasIntegers)
        {
            var session = sessions.GetOrAdd(model.Subsystem.Id, _ => LpSession.Open(program, options.Solver));
            lock (session) // two price batches of one round may run at once; a session is not thread-safe
            {
                ForEachDraw((j, price) => session.SetObjectiveCoefficient(j, program.ObjectiveCoefficient(j) + price * dt));
                solution = session.Solve();
            }
        }
        else
        {
            // A MILP has no session: a copy of its program with the price terms added.
            var priced = new LinearProgram();
            priced.Append(program);
            ForEachDraw((j, price) => priced.AddObjective(j, price * dt));
            solution = OrToolsSolver.Solve(priced, options.Solver);
        }

        if (!solution.HasValues)
            return (new PricedPlan(false, double.NaN, double.NaN, new Dictionary<string, IReadOnlyList<double>>(), $"{solution.Status.ToString().ToLowerInvariant()} at these prices{(solution.Message is null ? "" : $" ({solution.Message})")}"), null);
        var objective = program.Objective(solution.Values); // J without the price terms
        var bound = program.HasIntegers ? solution.BestBound : solution.Objective;
        var result = SubsystemSolver.Read(model, solution with { Objective = objective }, TimeSpan.Zero);
        return (new PricedPlan(true, objective, bound, result.DrawKw), result);

        void ForEachDraw(Action<int, double> apply)
        {
            for (var s = 0; s < supplies.Count; s++)
            {
                for (var c = 0; c < supplies[s].Conversions.Count; c++)
                {
                    var has = pricePerKwh.TryGetValue(supplies[s].Conversions[c].Resource, out var price);
                    for (var i = 0; i < model.Steps; i++) apply(model.DrawKw[s][c][i], has ? price![i] : 0);
                }
            }
        }
    }
}

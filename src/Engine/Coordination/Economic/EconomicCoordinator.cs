using System.Runtime.InteropServices;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Coordination.Economic;

/// <summary>
/// Economic coordination: Dantzig–Wolfe price-directive decomposition (Dantzig &amp; Wolfe 1960) of the district
/// problem min Σ_ℓ J_ℓ s.t. for every node n, limited resource p and step i Σ_{ℓ in subtree(n)} draw_ℓ[p][i] ≤ Plim_n[p][i]
/// (eqs. 25–26 per node), with Wentges smoothing of the prices (Wentges 1997) and the mis-pricing fallback of
/// Pessoa et al. (2018), then a feasibility repair. See docs/coordination.md for the method, the convergence argument and
/// measurements.
/// <para>
/// Each round the master LP chooses a convex combination of each participant's proposed plans (columns: own J and draw)
/// under every node's limit, with an elastic slack priced at <see cref="EconomicOptions.SlackPenaltyPerKwh"/>; its row
/// duals λ ≥ 0 are the prices. Every participant then answers, independently and in one batch, min J_ℓ + Σ λ·draw over
/// its own problem; its answer is a new column, and Σ_ℓ (its optimum) − Σ λ·Plim is a Lagrangian lower bound LB. The
/// master's objective is an upper bound UB once it needs no slack. Stop at (UB − LB)/|UB| ≤ tolerance or after
/// <see cref="EconomicOptions.MaxRounds"/>.
/// </para>
/// <para>
/// Repair: each participant is re-solved with P̄max = its blended allocation Σ_k w_k·d_k. For an LP participant the blend
/// x̄ = Σ_k w_k·x_k of its column plans lies in its own (convex) feasible set and draws exactly Σ_k w_k·d_k, so the
/// re-solve is feasible and its optimum is at most J(x̄) = Σ_k w_k·J(x_k) (J is linear): it always succeeds and costs no
/// more than the blend. The allocations of a node's subtree sum to at most its limit whenever the master needs no slack,
/// so every limit then holds. A MILP participant is fixed to its column of largest weight after
/// <see cref="EconomicOptions.FixIntegerAfterRounds"/> rounds (that column is one of its plans, so its re-solve is
/// feasible too) and the master is re-solved for the others. What is still above a limit (slack the master could not
/// avoid, or a refused re-solve) is reported per node; the caller then runs Algorithm 1 on the result.
/// </para>
/// Pure: the only effects are through the two batch delegates, so grains and the CLI run the very same algorithm.
/// </summary>
public static class EconomicCoordinator
{
    private const double Epsilon = 1e-9;

    public static async ValueTask<EconomicReport> RunAsync(
        double stepHours,
        int steps,
        LimitTree limits,
        IReadOnlyList<EconomicParticipant> participants,
        PriceBatch priceBatch,
        CapBatch repairBatch,
        EconomicOptions? options = null,
        EconomicWarmStart? warm = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(priceBatch);
        ArgumentNullException.ThrowIfNull(repairBatch);
        options ??= EconomicOptions.Default;
        if (!(stepHours > 0) || !double.IsFinite(stepHours)) throw new ArgumentOutOfRangeException(nameof(stepHours), stepHours, $"stepHours: {stepHours} h is not a positive finite number");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps: {steps} is less than 1");
        if (options.Validate() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in participants)
        {
            if (!ids.Add(p.Id)) throw new ArgumentException($"participant \"{p.Id}\" appears twice", nameof(participants));
            if (p.Node is { Length: > 0 } node && !limits.Contains(node)) throw new ArgumentException($"participant \"{p.Id}\": node \"{node}\" is not a node of the grid", nameof(participants));
        }

        var state = new State(stepHours, steps, limits, participants, options);
        var trace = new List<EconomicRound>();
        var stability = warm is null ? new double[state.Rows.Count] : state.PricesOf(warm.PricePerKwh);
        var previous = (double[])stability.Clone();
        // Cold, with every plan its own optimum: L(0) = Σ J is the first bound and π = 0 the first stability centre.
        var lowerBound = warm is null && participants.Where(p => p.HasPlan).All(p => p.IsOwnOptimum) ? state.ZeroPriceBound : double.NegativeInfinity;
        var misPricings = 0;
        var rounds = 0;
        var proven = false;
        var converged = false;
        var integersFixed = false;
        Master master;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            master = state.SolveMaster();
            if (!integersFixed && rounds >= options.FixIntegerAfterRounds && state.HasActiveIntegers)
            {
                state.FixIntegers(master);
                integersFixed = true;
                master = state.SolveMaster();
            }

            var gap = Gap(master.Objective, lowerBound);
            if (master.MaxSlackKw <= options.ToleranceKw && gap <= options.GapTolerance)
            {
                converged = true;
                break;
            }

            if (rounds >= options.MaxRounds || proven || !state.AnyActive) break;

            // Wentges: π = α·π_stab + (1 − α)·π_master, α lowered after each mis-pricing in a row (Pessoa et al. 2018);
            // a warm start prices its first round at the previous cycle's prices.
            var alpha = Math.Max(0, 1 - (misPricings + 1) * (1 - options.Smoothing));
            var prices = rounds == 0 && warm is not null
                ? (double[])stability.Clone()
                : stability.Select((s, r) => alpha * s + (1 - alpha) * master.Prices[r]).ToArray();
            var (bound, improving, proposalExcess) = await state.PriceAsync(priceBatch, prices, master, cancellationToken);
            rounds++;
            if (bound > lowerBound)
            {
                lowerBound = bound;
                stability = prices;
            }

            var misPriced = !improving;
            if (misPriced && alpha <= 0) proven = true; // pure Dantzig–Wolfe pricing found no improving column: the master is optimal
            misPricings = misPriced ? misPricings + 1 : 0;
            trace.Add(new EconomicRound(rounds, master.Objective, lowerBound, Gap(master.Objective, lowerBound), state.PriceChangePerKwh(prices, previous),
                proposalExcess, master.MaxSlackKw, rounds == 1 && warm is not null ? 1 : alpha, misPriced, state.ColumnCount));
            previous = prices;
        }

        return await state.RepairAsync(repairBatch, master, rounds, converged, trace, lowerBound, Gap(master.Objective, lowerBound), cancellationToken);
    }

    internal static double Gap(double upper, double lower) =>
        double.IsNegativeInfinity(lower) || double.IsNaN(upper) ? double.PositiveInfinity : Math.Max(0, upper - lower) / Math.Max(Math.Abs(upper), Epsilon);

    /// <summary>One coupling row: node, resource, step and Plim, kW.</summary>
    internal readonly record struct CouplingRow(int Node, string Resource, int Step, double LimitKw);

    /// <summary>A proposed plan of one participant: J and its draw on each of the participant's coupling rows.</summary>
    internal sealed class Column(int owner, double objective, double[] rowDrawKw, IReadOnlyDictionary<string, IReadOnlyList<double>> drawKw)
    {
        public int Owner { get; } = owner;

        public double Objective { get; } = objective;

        public double[] RowDrawKw { get; } = rowDrawKw;

        public IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw { get; } = drawKw;
    }

    internal sealed record Master(double Objective, double MaxSlackKw, double[] Prices, double[] Convexity, Dictionary<Column, double> Weights);

    private sealed class State
    {
        private readonly double _dt;
        private readonly int _steps;
        private readonly LimitTree _limits;
        private readonly IReadOnlyList<EconomicParticipant> _participants;
        private readonly EconomicOptions _options;
        private readonly List<int>[] _rowsOf;
        private readonly List<Column>[] _columns;
        private readonly bool[] _active;
        private readonly Column?[] _fixed;
        private readonly double[] _fixedLoadKw;
        private double _fixedObjective;

        public State(double dt, int steps, LimitTree limits, IReadOnlyList<EconomicParticipant> participants, EconomicOptions options)
        {
            _dt = dt;
            _steps = steps;
            _limits = limits;
            _participants = participants;
            _options = options;
            var rows = new List<CouplingRow>();
            var rowIndex = new Dictionary<(int, string, int), int>();
            for (var k = 0; k < limits.Count; k++)
            {
                foreach (var (resource, limit) in limits.ImportMaxKw[k])
                {
                    for (var i = 0; i < steps; i++)
                    {
                        if (!double.IsFinite(limit[i])) continue;
                        rowIndex[(k, resource, i)] = rows.Count;
                        rows.Add(new CouplingRow(k, resource, i, limit[i]));
                    }
                }
            }

            Rows = rows;
            _rowsOf = new List<int>[participants.Count];
            _columns = new List<Column>[participants.Count];
            _active = new bool[participants.Count];
            _fixed = new Column?[participants.Count];
            _fixedLoadKw = new double[rows.Count];
            for (var l = 0; l < participants.Count; l++)
            {
                var path = limits.PathToRoot(limits.IndexOf(participants[l].Node));
                _rowsOf[l] = [];
                foreach (var k in path)
                {
                    foreach (var resource in limits.ImportMaxKw[k].Keys)
                    {
                        for (var i = 0; i < steps; i++)
                        {
                            if (rowIndex.TryGetValue((k, resource, i), out var r)) _rowsOf[l].Add(r);
                        }
                    }
                }

                _columns[l] = [];
                var column = ColumnOf(l, participants[l].DrawKw, participants[l].Objective);
                if (participants[l].HasPlan)
                {
                    _active[l] = true;
                    _columns[l].Add(column);
                }
                else
                {
                    Fix(l, double.IsFinite(column.Objective) ? column : new Column(l, 0, column.RowDrawKw, column.DrawKw));
                }
            }
        }

        public IReadOnlyList<CouplingRow> Rows { get; }

        public bool AnyActive => _active.Any(a => a);

        /// <summary>L(0) = Σ J over every plan, when each is its participant's optimum without prices.</summary>
        public double ZeroPriceBound => _fixedObjective + _columns.Where((_, l) => _active[l]).Sum(c => c[0].Objective);

        public bool HasActiveIntegers => _participants.Where((p, l) => _active[l] && p.IsInteger).Any();

        public int ColumnCount => _columns.Sum(c => c.Count);

        /// <summary>Per coupling row, the price in objective units per kW and step, from prices per node id in currency/kWh.</summary>
        public double[] PricesOf(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> perNode)
        {
            var prices = new double[Rows.Count];
            for (var r = 0; r < Rows.Count; r++)
            {
                var row = Rows[r];
                if (perNode.TryGetValue(_limits.NodeIds[row.Node], out var byResource) && byResource.TryGetValue(row.Resource, out var series) && row.Step < series.Count)
                    prices[r] = Math.Max(0, series[row.Step]) * _dt;
            }

            return prices;
        }

        public Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> PricesPerNode(double[] prices)
        {
            var result = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>(StringComparer.Ordinal);
            for (var k = 0; k < _limits.Count; k++)
            {
                var byResource = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
                foreach (var resource in _limits.ImportMaxKw[k].Keys) byResource[resource] = new double[_steps];
                result[_limits.NodeIds[k]] = byResource;
            }

            for (var r = 0; r < Rows.Count; r++) ((double[])result[_limits.NodeIds[Rows[r].Node]][Rows[r].Resource])[Rows[r].Step] = prices[r] / _dt;
            return result;
        }

        /// <summary>The Plim-weighted mean |Δ price| between two price vectors, currency/kWh.</summary>
        public double PriceChangePerKwh(double[] prices, double[] previous)
        {
            if (Rows.Count == 0) return 0;
            double weighted = 0, weights = 0;
            for (var r = 0; r < Rows.Count; r++)
            {
                var w = Math.Max(Math.Abs(Rows[r].LimitKw), 1e-3);
                weighted += w * Math.Abs(prices[r] - previous[r]) / _dt;
                weights += w;
            }

            return weighted / weights;
        }

        /// <summary>The restricted master: min Σ J·w + penalty·Δt·Σ s s.t. Σ w·d − s ≤ Plim − fixed loads, Σ_k w_ℓk = 1.</summary>
        public Master SolveMaster()
        {
            var program = new LinearProgram();
            var weightSubject = Subject.Structural("columnWeight");
            var slackSubject = new Subject("limitSlackKw", ConstraintFamily.ResourceLimits, "", "elastic slack above a node's limit by", "kW");
            var owned = new List<(Column Column, int Variable)>();
            for (var l = 0; l < _participants.Count; l++)
            {
                if (!_active[l]) continue;
                foreach (var column in _columns[l])
                {
                    var w = program.AddVariable(weightSubject, l, 0, double.PositiveInfinity);
                    program.AddObjective(w, column.Objective);
                    owned.Add((column, w));
                }
            }

            var slack = new int[Rows.Count];
            for (var r = 0; r < Rows.Count; r++)
            {
                slack[r] = program.AddVariable(slackSubject, Rows[r].Step, 0, double.PositiveInfinity);
                program.AddObjective(slack[r], _options.SlackPenaltyPerKwh * _dt);
            }

            var terms = new List<(int, double)>[Rows.Count];
            for (var r = 0; r < Rows.Count; r++) terms[r] = [(slack[r], -1)];
            foreach (var (column, w) in owned)
            {
                var rows = _rowsOf[column.Owner];
                for (var k = 0; k < rows.Count; k++)
                {
                    if (column.RowDrawKw[k] != 0) terms[rows[k]].Add((w, column.RowDrawKw[k]));
                }
            }

            var limitSubject = new Subject("nodeDrawKw", ConstraintFamily.ResourceLimits, "", "a node's draw above its limit by", "kW");
            for (var r = 0; r < Rows.Count; r++)
                program.AddRow(limitSubject, Rows[r].Step, double.NegativeInfinity, Rows[r].LimitKw - _fixedLoadKw[r], CollectionsMarshal.AsSpan(terms[r]));
            var convexity = new int[_participants.Count];
            var convexitySubject = Subject.Structural("convexity");
            for (var l = 0; l < _participants.Count; l++)
            {
                convexity[l] = -1;
                if (!_active[l]) continue;
                var row = owned.Where(o => o.Column.Owner == l).Select(o => (o.Variable, 1.0)).ToArray();
                convexity[l] = program.AddRow(convexitySubject, l, 1, 1, row);
            }

            using var session = LpSession.Open(program, SolverSettings.Default);
            var solution = session.Solve();
            if (solution.Status != SolveStatus.Optimal || solution.RowDuals.Count != program.RowCount)
                throw new InvalidOperationException($"the coordination master LP stopped with status {solution.Status}{(solution.Message is null ? "" : $": {solution.Message}")}");
            var prices = new double[Rows.Count];
            var maxSlack = 0.0;
            for (var r = 0; r < Rows.Count; r++)
            {
                prices[r] = Math.Max(0, -solution.RowDuals[r]); // ∂objective/∂Plim ≤ 0 on a binding ≤ row: λ = −dual
                maxSlack = Math.Max(maxSlack, solution.Values[slack[r]]);
            }

            var mu = new double[_participants.Count];
            for (var l = 0; l < _participants.Count; l++) mu[l] = convexity[l] >= 0 ? solution.RowDuals[convexity[l]] : 0;
            var weights = owned.ToDictionary(o => o.Column, o => Math.Max(0, solution.Values[o.Variable]));
            return new Master(solution.Objective + _fixedObjective, maxSlack, prices, mu, weights);
        }

        /// <summary>
        /// One pricing round: asks every active participant for its best plan at <paramref name="prices"/>; returns the
        /// Lagrangian bound L(π) = Σ_ℓ v_ℓ(π) + Σ fixed J + Σ_r π_r·(fixed load_r − Plim_r), whether some new column has
        /// a negative reduced cost at the master's own duals, and the proposals' largest summed draw above a limit, kW.
        /// </summary>
        public async ValueTask<(double Bound, bool Improving, double ProposalExcessKw)> PriceAsync(PriceBatch batch, double[] prices, Master master, CancellationToken cancellationToken)
        {
            var asked = Enumerable.Range(0, _participants.Count).Where(l => _active[l]).ToList();
            var requests = asked.Select(l => new PriceRequest(_participants[l], PricePerKwh(l, prices))).ToList();
            var answers = await batch(requests, cancellationToken);
            if (answers.Count != requests.Count) throw new InvalidOperationException($"the price batch answered {answers.Count} of {requests.Count} requests");
            var bound = _fixedObjective;
            for (var r = 0; r < Rows.Count; r++) bound += prices[r] * (_fixedLoadKw[r] - Rows[r].LimitKw);
            var improvement = 0.0;
            var load = (double[])_fixedLoadKw.Clone();
            for (var a = 0; a < asked.Count; a++)
            {
                var l = asked[a];
                var answer = answers[a];
                if (!answer.HasPlan || !double.IsFinite(answer.Objective) || !double.IsFinite(answer.PricedBound))
                {
                    bound = double.NegativeInfinity; // no optimum, no bound this round
                    continue;
                }

                bound += answer.PricedBound;
                var column = ColumnOf(l, answer.DrawKw, answer.Objective);
                var reduced = column.Objective - master.Convexity[l];
                for (var k = 0; k < column.RowDrawKw.Length; k++)
                {
                    reduced += master.Prices[_rowsOf[l][k]] * column.RowDrawKw[k];
                    load[_rowsOf[l][k]] += column.RowDrawKw[k];
                }

                improvement += Math.Min(0, reduced);
                if (!_columns[l].Any(c => Same(c, column))) _columns[l].Add(column);
            }

            var excess = 0.0;
            for (var r = 0; r < Rows.Count; r++) excess = Math.Max(excess, load[r] - Rows[r].LimitKw);
            var improving = improvement < -1e-7 * Math.Max(1, Math.Abs(master.Objective));
            return (bound, improving, excess);
        }

        /// <summary>Fixes every active MILP participant to its column of largest weight in <paramref name="master"/>.</summary>
        public void FixIntegers(Master master)
        {
            for (var l = 0; l < _participants.Count; l++)
            {
                if (!_active[l] || !_participants[l].IsInteger) continue;
                var best = _columns[l].OrderByDescending(c => master.Weights.GetValueOrDefault(c)).First();
                Fix(l, best);
            }
        }

        public async ValueTask<EconomicReport> RepairAsync(CapBatch batch, Master master, int rounds, bool converged, List<EconomicRound> trace,
            double lowerBound, double gap, CancellationToken cancellationToken)
        {
            var requests = new List<CapRequest>();
            var asked = new List<int>();
            var allocations = new IReadOnlyDictionary<string, IReadOnlyList<double>>[_participants.Count];
            var fallback = new Column[_participants.Count];
            for (var l = 0; l < _participants.Count; l++)
            {
                allocations[l] = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
                if (_active[l])
                {
                    var weights = _columns[l].Select(c => master.Weights.GetValueOrDefault(c)).ToArray();
                    var sum = weights.Sum();
                    if (sum <= 0) weights = _columns[l].Select((_, k) => k == 0 ? 1.0 : 0.0).ToArray();
                    else for (var k = 0; k < weights.Length; k++) weights[k] /= sum;
                    fallback[l] = _columns[l][Array.IndexOf(weights, weights.Max())];
                    allocations[l] = Blend(l, _columns[l], weights);
                }
                else if (_participants[l].HasPlan && _fixed[l] is { } column)
                {
                    fallback[l] = column;
                    allocations[l] = Blend(l, [column], [1.0]);
                }
                else
                {
                    continue; // no plan: its fixed load stays as given
                }

                if (allocations[l].Count == 0) continue; // draws nothing that any node on its path limits: its plan stands
                asked.Add(l);
                requests.Add(new CapRequest(_participants[l], allocations[l]));
            }

            var answers = requests.Count == 0 ? [] : await batch(requests, cancellationToken);
            if (answers.Count != requests.Count) throw new InvalidOperationException($"the repair batch answered {answers.Count} of {requests.Count} requests");
            var outcomes = new EconomicOutcome[_participants.Count];
            for (var a = 0; a < asked.Count; a++)
            {
                var l = asked[a];
                var answer = answers[a];
                outcomes[l] = answer.Accepted
                    ? new EconomicOutcome(_participants[l].Id, answer.DrawKw, answer.Objective, allocations[l], true, !_active[l], null)
                    : new EconomicOutcome(_participants[l].Id, fallback[l].DrawKw, fallback[l].Objective, allocations[l], false, !_active[l],
                        $"refused its allocation ({answer.Reason ?? "no reason given"}); kept its plan of largest weight");
            }

            for (var l = 0; l < _participants.Count; l++)
            {
                if (outcomes[l] is not null) continue;
                var p = _participants[l];
                outcomes[l] = p.HasPlan
                    ? new EconomicOutcome(p.Id, fallback[l].DrawKw, fallback[l].Objective, allocations[l], true, !_active[l], "draws no limited resource: its plan stands")
                    : new EconomicOutcome(p.Id, p.DrawKw, p.Objective, allocations[l], false, false, "has no feasible plan: counted at its given draw, not priced");
            }

            var loads = NodeLoads.Compute(_limits, _participants.Select((p, l) => (p.Node, outcomes[l].DrawKw)).ToList(), _steps, _dt, _options.ToleranceKw);
            var total = outcomes.Where((o, l) => _participants[l].HasPlan).Sum(o => o.Objective);
            double? toReference = _options.ReferenceObjective is { } reference ? (total - reference) / Math.Max(Math.Abs(reference), Epsilon) : null;
            var prices = PricesPerNode(master.Prices);
            var warm = new EconomicWarmStart(prices, outcomes.ToDictionary(o => o.Id, o => o.DrawKw, StringComparer.Ordinal));
            return new EconomicReport(rounds, converged, trace, lowerBound, master.Objective, gap, total, toReference, prices, outcomes, loads, warm);
        }

        private void Fix(int l, Column column)
        {
            _active[l] = false;
            _fixed[l] = column;
            _fixedObjective += column.Objective;
            for (var k = 0; k < column.RowDrawKw.Length; k++) _fixedLoadKw[_rowsOf[l][k]] += column.RowDrawKw[k];
        }

        /// <summary>Σ_k w_k·d_k per resource some node on the participant's path limits, over the whole horizon, kW.</summary>
        private Dictionary<string, IReadOnlyList<double>> Blend(int l, IReadOnlyList<Column> columns, IReadOnlyList<double> weights)
        {
            var resources = _rowsOf[l].Select(r => Rows[r].Resource).Distinct(StringComparer.Ordinal);
            var blend = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
            foreach (var resource in resources)
            {
                var sum = new double[_steps];
                for (var k = 0; k < columns.Count; k++)
                {
                    if (weights[k] == 0 || !columns[k].DrawKw.TryGetValue(resource, out var draw)) continue;
                    for (var i = 0; i < _steps; i++) sum[i] += weights[k] * draw[i];
                }

                blend[resource] = sum;
            }

            return blend;
        }

        private Dictionary<string, IReadOnlyList<double>> PricePerKwh(int l, double[] prices)
        {
            var result = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
            foreach (var r in _rowsOf[l])
            {
                var row = Rows[r];
                if (!result.TryGetValue(row.Resource, out var series)) result[row.Resource] = series = new double[_steps];
                ((double[])series)[row.Step] += prices[r] / _dt;
            }

            return result;
        }

        private Column ColumnOf(int l, IReadOnlyDictionary<string, IReadOnlyList<double>> drawKw, double objective)
        {
            var rows = _rowsOf[l];
            var values = new double[rows.Count];
            for (var k = 0; k < rows.Count; k++)
            {
                var row = Rows[rows[k]];
                values[k] = drawKw.TryGetValue(row.Resource, out var series) && row.Step < series.Count ? series[row.Step] : 0;
            }

            return new Column(l, objective, values, drawKw);
        }

        private static bool Same(Column a, Column b)
        {
            if (Math.Abs(a.Objective - b.Objective) > 1e-9 * Math.Max(1, Math.Abs(a.Objective))) return false;
            for (var k = 0; k < a.RowDrawKw.Length; k++)
            {
                if (Math.Abs(a.RowDrawKw[k] - b.RowDrawKw[k]) > 1e-9) return false;
            }

            return true;
        }
    }
}

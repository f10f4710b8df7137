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

        using var state = new State(stepHours, steps, limits, participants, options);
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
        Evaluation? best = null;
        double[]? estimated = null; // node prices estimated from the last cap round's marginal values

        // Round 1 seeds the master: every participant under a node its plans overload re-solves within a proportional
        // share of each such node's limit (a feasible first master without the slack, so the first duals are prices
        // of the limits and not the slack penalty); a warm start prices the previous cycle's prices in the same batch.
        var seeds = state.SeedRequests();
        if (seeds.Count > 0 || warm is not null)
        {
            var seeding = seeds.Count == 0 ? null : state.AnswerAsync(repairBatch, seeds.Select(s => s.Request).ToList(), cancellationToken);
            var first = warm is null ? state.ProbePrices() : stability;
            var pricing = first is null ? null : state.Ask(priceBatch, first, cancellationToken);
            IReadOnlyList<RepairedPlan> seeded = seeding is null ? [] : await seeding;
            var (bound, _, proposalExcess) = pricing is null ? (double.NegativeInfinity, false, 0.0) : state.Absorb(first!, await pricing, null);
            rounds++;
            var seedAsked = seeds.Select(s => s.Participant).ToList();
            estimated = state.CapPrices(seedAsked, seeds.Select(s => s.Request).ToList(), seeded);
            state.AddAccepted(seedAsked, seeded);
            if (bound > lowerBound)
            {
                lowerBound = bound;
                stability = first!;
            }
            trace.Add(new EconomicRound(rounds, double.PositiveInfinity, lowerBound, double.PositiveInfinity, 0, proposalExcess, double.PositiveInfinity,
                warm is null ? options.Smoothing : 1, false, state.ColumnCount));
        }

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

            var masterGap = master.MaxSlackKw <= options.ToleranceKw ? Gap(master.Objective, lowerBound) : double.PositiveInfinity;
            if (masterGap <= options.GapTolerance || (best is not null && Gap(best.Total, lowerBound) <= options.GapTolerance))
            {
                converged = true;
                break;
            }

            if (rounds >= options.MaxRounds || proven || !state.AnyActive) break;

            // Wentges: π = α·π_stab + (1 − α)·π_master, α lowered after each mis-pricing in a row (Pessoa et al. 2018).
            var alpha = Math.Max(0, 1 - (misPricings + 1) * (1 - options.Smoothing));
            var prices = stability.Select((s, r) => alpha * s + (1 - alpha) * master.Prices[r]).ToArray();

            // In the same batch round: the repair of this master's allocation, whose cost is an upper bound whenever the
            // repaired plans hold every limit, and whose plans are extra columns.
            // With smoothing, the master's own duals are priced too (a second column per participant, and pure
            // Dantzig–Wolfe pricing: no improving column there proves the master optimal).
            var repair = options.RepairEachRound && master.MaxSlackKw <= options.ToleranceKw ? state.Allocate(master) : null;
            var repairing = repair is null ? null : state.AnswerAsync(repairBatch, repair.Requests, cancellationToken);
            var exact = options.PriceMasterDuals && alpha > 0 && master.MaxSlackKw <= options.ToleranceKw  ? state.Ask(priceBatch, master.Prices, cancellationToken) : null;
            var fromCaps = options.PriceCapEstimates ? estimated : null;
            var capped = fromCaps is null ? null : state.Ask(priceBatch, fromCaps, cancellationToken);
            var smoothed = state.Ask(priceBatch, prices, cancellationToken);
            var (bound, improving, proposalExcess) = state.Absorb(prices, await smoothed, master);
            if (exact is not null)
            {
                var (exactBound, exactImproving, _) = state.Absorb(master.Prices, await exact, master);
                if (!exactImproving) proven = true; // no column improves the master at its own duals: it is optimal
                if (exactBound > bound)
                {
                    bound = exactBound;
                    prices = master.Prices;
                }
            }

            if (capped is not null)
            {
                var (capBound, _, _) = state.Absorb(fromCaps!, await capped, master);
                if (capBound > bound)
                {
                    bound = capBound;
                    prices = fromCaps!;
                }
            }

            rounds++;
            double? repairedObjective = null;
            if (repairing is not null)
            {
                var evaluation = state.Evaluate(repair!, await repairing);
                estimated = state.CapPrices(repair!.Asked, repair.Requests, evaluation.Answers) ?? estimated;
                state.AddAccepted(repair!.Asked, evaluation.Answers);
                if (evaluation.LimitsHold)
                {
                    repairedObjective = evaluation.Total;
                    if (best is null || evaluation.Total < best.Total) best = evaluation;
                }
            }

            var misPriced = !improving;
            if (bound > lowerBound)
            {
                lowerBound = bound;
                stability = prices;
            }

            if (misPriced && alpha <= 0) proven = true; // pure Dantzig–Wolfe pricing found no improving column: the master is optimal
            misPricings = misPriced ? misPricings + 1 : 0;
            var upper = Math.Min(master.MaxSlackKw <= options.ToleranceKw ? master.Objective : double.PositiveInfinity, best?.Total ?? double.PositiveInfinity);
            trace.Add(new EconomicRound(rounds, master.Objective, lowerBound, Gap(upper, lowerBound), state.PriceChangePerKwh(prices, previous),
                proposalExcess, master.MaxSlackKw, alpha, misPriced, state.ColumnCount) { RepairedObjective = repairedObjective });
            state.DropUnused(master);
            previous = prices;
        }

        // The repaired plan of the final master, unless a repaired plan already certifies the gap (no extra round).
        if (!(converged && best is not null && Gap(best.Total, lowerBound) <= options.GapTolerance))
        {
            var final = state.Allocate(master);
            var evaluation = state.Evaluate(final, await state.AnswerAsync(repairBatch, final.Requests, cancellationToken));
            if (best is null || (evaluation.LimitsHold && evaluation.Total < best.Total)) best = evaluation; // a kept best always holds every limit
            if (final.Requests.Count > 0)
            {
                // The final repair is a batch round of its own: counted, so that Rounds is the number of solve waves.
                rounds++;
                trace.Add(new EconomicRound(rounds, master.Objective, lowerBound, Gap(best.LimitsHold ? best.Total : master.Objective, lowerBound), 0, 0, master.MaxSlackKw,
                    0, false, state.ColumnCount) { RepairedObjective = evaluation.LimitsHold ? evaluation.Total : null });
            }
        }

        // The final plans' cost is the upper bound they certify; without a plan holding every limit, the master's objective.
        var upperBound = best.LimitsHold ? best.Total : master.Objective;
        return state.Report(best, master, rounds, converged, trace, lowerBound, Gap(upperBound, lowerBound), upperBound);
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

    /// <summary>
    /// A column of the master: one plan per member of a group of participants at the same node (a single participant
    /// unless <see cref="EconomicOptions.MaxMasterGroups"/> aggregates), with their summed J and draw on the group's rows.
    /// </summary>
    internal sealed class GroupColumn(int group, Column[] members, double objective, double[] rowDrawKw)
    {
        public int Owner { get; } = group;

        public Column[] Members { get; } = members;

        public double Objective { get; } = objective;

        public double[] RowDrawKw { get; } = rowDrawKw;

        /// <summary>Masters in a row in which this column had no weight.</summary>
        public int Idle { get; set; }
    }

    /// <param name="Convexity">μ per group.</param>
    /// <param name="Weights">Per participant column: the summed weight of the group columns holding it.</param>
    /// <param name="GroupWeights">Per group column, its weight.</param>
    internal sealed record Master(double Objective, double MaxSlackKw, double[] Prices, double[] Convexity, Dictionary<Column, double> Weights,
        Dictionary<GroupColumn, double> GroupWeights);

    /// <summary>A repair's questions: who is asked, what, and what each participant falls back on when it refuses.</summary>
    private sealed record Allocation(List<int> Asked, List<CapRequest> Requests, IReadOnlyDictionary<string, IReadOnlyList<double>>[] AllocationKw, Column?[] Fallback);

    /// <summary>A repair's answers checked against every limit: the outcomes, the loads, Σ J and whether every limit holds.</summary>
    private sealed record Evaluation(EconomicOutcome[] Outcomes, IReadOnlyList<NodeLoad> Loads, double Total, bool LimitsHold, IReadOnlyList<RepairedPlan> Answers);

    private sealed class State : IDisposable
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
        private readonly MasterProblem _master;
        private readonly int[] _depth;
        private readonly int _maxDepth;
        private readonly int[][] _paths;
        private readonly int[] _slot;
        private readonly int _slotCount;
        private readonly int[] _groupOf;
        private readonly Dictionary<List<int>, string[]> _resourcesOf = new(ReferenceEqualityComparer.Instance);
        private readonly List<int[]> _members = [];
        private readonly List<List<GroupColumn>> _groupColumns = [];
        private Master? _last;
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
            _depth = new int[limits.Count];
            for (var k = 1; k < limits.Count; k++) _depth[k] = _depth[limits.ParentOf(k)] + 1;
            _maxDepth = _depth.Max();
            var resources = rows.Select(x => x.Resource).Distinct(StringComparer.Ordinal).ToList();
            _slot = rows.Select(x => resources.IndexOf(x.Resource) * steps + x.Step).ToArray();
            _slotCount = Math.Max(1, resources.Count * steps);
            _paths = participants.Select(p => limits.PathToRoot(limits.IndexOf(p.Node)).Reverse().ToArray()).ToArray();
            _rowsOf = new List<int>[participants.Count];
            _columns = new List<Column>[participants.Count];
            _active = new bool[participants.Count];
            _fixed = new Column?[participants.Count];
            _fixedLoadKw = new double[rows.Count];
            var pathRows = new Dictionary<int, List<int>>();
            for (var l = 0; l < participants.Count; l++)
            {
                var at = limits.IndexOf(participants[l].Node);
                if (!pathRows.TryGetValue(at, out var onPath))
                {
                    onPath = [];
                    foreach (var k in limits.PathToRoot(at))
                    {
                        foreach (var resource in limits.ImportMaxKw[k].Keys)
                        {
                            for (var i = 0; i < steps; i++)
                            {
                                if (rowIndex.TryGetValue((k, resource, i), out var r)) onPath.Add(r);
                            }
                        }
                    }

                    pathRows[at] = onPath;
                    _resourcesOf[onPath] = onPath.Select(r => rows[r].Resource).Distinct(StringComparer.Ordinal).ToArray();
                }

                _rowsOf[l] = onPath; // shared by every participant at the same node, never changed
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

            // Groups: each active participant alone, or, above MaxMasterGroups participants, chunks of participants at the
            // same node (MILP participants always alone, so that one can be fixed).
            _groupOf = Enumerable.Repeat(-1, participants.Count).ToArray();
            var activeCount = _active.Count(a => a);
            var size = options.MaxMasterGroups > 0 ? Math.Max(1, (activeCount + options.MaxMasterGroups - 1) / options.MaxMasterGroups) : 1;
            foreach (var atNode in Enumerable.Range(0, participants.Count).Where(l => _active[l]).GroupBy(l => limits.IndexOf(participants[l].Node)))
            {
                foreach (var l in atNode.Where(l => participants[l].IsInteger)) NewGroup([l]);
                foreach (var chunk in atNode.Where(l => !participants[l].IsInteger).Chunk(size)) NewGroup(chunk);
            }

            _master = new MasterProblem(rows.Select((row, r) => row.LimitKw - _fixedLoadKw[r]).ToArray(), options.SlackPenaltyPerKwh * dt, _members.Count, options.ToleranceKw);
            for (var g = 0; g < _members.Count; g++) AddGroupColumn(g, _members[g].Select(l => _columns[l][0]).ToArray());

            // The rows the participants' own plans come within 10 % of start in the model; the others enter when a blend violates them.
            var initial = new double[rows.Count];
            for (var l = 0; l < participants.Count; l++)
            {
                if (!_active[l]) continue;
                for (var k = 0; k < _rowsOf[l].Count; k++) initial[_rowsOf[l][k]] += _columns[l][0].RowDrawKw[k];
            }

            _master.AddRowsNear(initial, 0.1);

            void NewGroup(int[] members)
            {
                foreach (var l in members) _groupOf[l] = _members.Count;
                _members.Add(members);
                _groupColumns.Add([]);
            }
        }

        public IReadOnlyList<CouplingRow> Rows { get; }

        public bool AnyActive => _active.Any(a => a);

        /// <summary>L(0) = Σ J over every plan, when each is its participant's optimum without prices.</summary>
        public double ZeroPriceBound => _fixedObjective + _columns.Where((_, l) => _active[l]).Sum(c => c[0].Objective);

        public bool HasActiveIntegers => _participants.Where((p, l) => _active[l] && p.IsInteger).Any();

        /// <summary>Columns in the master.</summary>
        public int ColumnCount => _master.Live;

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

        /// <summary>The restricted master (kept warm in GLOP): min Σ J·w + penalty·Δt·Σ s s.t. Σ w·d − s ≤ Plim − fixed loads, Σ_k w_ℓk = 1.</summary>
        public Master SolveMaster()
        {
            var (objective, maxSlack, prices, mu, groupWeights) = _master.Solve(_fixedObjective);
            var weights = new Dictionary<Column, double>(ReferenceEqualityComparer.Instance);
            foreach (var (column, w) in groupWeights)
            {
                if (w <= 0) continue;
                foreach (var member in column.Members) weights[member] = weights.GetValueOrDefault(member) + w;
            }

            return _last = new Master(objective, maxSlack, prices, mu, weights, groupWeights);
        }

        /// <summary>
        /// The seed round's questions. For every node, limited resource p and step i whose limit the current plans
        /// overload at some step, participant ℓ of its subtree gets the share
        /// w = ½·d_ℓ[i]/D[i] + ½·E_ℓ/E of (Plim[i] − fixed load[i]), with d, D its and the subtree's draw and E_ℓ, E the
        /// energies over the horizon; its cap is the least share over the overloaded nodes on its path (no cap where
        /// none is). The shares of a subtree sum to its limit, so caps the participants meet hold every limit at once.
        /// </summary>
        public List<(int Participant, CapRequest Request)> SeedRequests()
        {
            var load = (double[])_fixedLoadKw.Clone();
            for (var l = 0; l < _participants.Count; l++)
            {
                if (!_active[l]) continue;
                var column = _columns[l][0];
                for (var k = 0; k < column.RowDrawKw.Length; k++) load[_rowsOf[l][k]] += column.RowDrawKw[k];
            }

            // Overloaded (node, resource) pairs, with each subtree's positive draw per row and energy per pair.
            var overloaded = new HashSet<(int, string)>();
            for (var r = 0; r < Rows.Count; r++)
            {
                if (load[r] > Rows[r].LimitKw + _options.ToleranceKw) overloaded.Add((Rows[r].Node, Rows[r].Resource));
            }

            var result = new List<(int, CapRequest)>();
            if (overloaded.Count == 0) return result;
            var drawKw = new double[Rows.Count];
            var energy = new Dictionary<(int, string), double>();
            var count = new Dictionary<(int, string), int>();
            for (var l = 0; l < _participants.Count; l++)
            {
                if (!_active[l]) continue;
                var column = _columns[l][0];
                var seen = new HashSet<(int, string)>();
                for (var k = 0; k < column.RowDrawKw.Length; k++)
                {
                    var row = Rows[_rowsOf[l][k]];
                    var key = (row.Node, row.Resource);
                    if (!overloaded.Contains(key)) continue;
                    var d = Math.Max(0, column.RowDrawKw[k]);
                    drawKw[_rowsOf[l][k]] += d;
                    energy[key] = energy.GetValueOrDefault(key) + d;
                    if (seen.Add(key)) count[key] = count.GetValueOrDefault(key) + 1;
                }
            }

            for (var l = 0; l < _participants.Count; l++)
            {
                if (!_active[l]) continue;
                var column = _columns[l][0];
                var own = new Dictionary<(int, string), double>();
                for (var k = 0; k < column.RowDrawKw.Length; k++)
                {
                    var row = Rows[_rowsOf[l][k]];
                    if (overloaded.Contains((row.Node, row.Resource))) own[(row.Node, row.Resource)] = own.GetValueOrDefault((row.Node, row.Resource)) + Math.Max(0, column.RowDrawKw[k]);
                }

                if (own.Count == 0) continue;
                var caps = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
                for (var k = 0; k < column.RowDrawKw.Length; k++)
                {
                    var r = _rowsOf[l][k];
                    var row = Rows[r];
                    var key = (row.Node, row.Resource);
                    if (!overloaded.Contains(key)) continue;
                    var stepShare = drawKw[r] > 0 ? Math.Max(0, column.RowDrawKw[k]) / drawKw[r] : 1.0 / count[key];
                    var energyShare = energy[key] > 0 ? own[key] / energy[key] : 1.0 / count[key];
                    var cap = Math.Max(0, row.LimitKw - _fixedLoadKw[r]) * (0.5 * stepShare + 0.5 * energyShare);
                    if (!caps.TryGetValue(row.Resource, out var series)) caps[row.Resource] = series = Enumerable.Repeat(double.PositiveInfinity, _steps).ToArray();
                    var values = (double[])series;
                    values[row.Step] = Math.Min(values[row.Step], cap);
                }

                result.Add((l, new CapRequest(_participants[l], caps)));
            }

            return result;
        }

        /// <summary>
        /// The cold start's probe prices, priced in the seed round: on every row the current plans overload, the mean
        /// objective per kWh of the participants' limited draw times the row's overload fraction (load − Plim)/load;
        /// 0 elsewhere. Any π ≥ 0 gives a valid bound, and the answers show how far each participant can move away from
        /// the overloaded steps. Null when nothing is overloaded.
        /// </summary>
        public double[]? ProbePrices()
        {
            var load = (double[])_fixedLoadKw.Clone();
            double objective = 0, energyKwh = 0;
            for (var l = 0; l < _participants.Count; l++)
            {
                if (!_active[l]) continue;
                var column = _columns[l][0];
                objective += column.Objective;
                var seen = new HashSet<(string, int)>();
                for (var k = 0; k < column.RowDrawKw.Length; k++)
                {
                    var row = Rows[_rowsOf[l][k]];
                    load[_rowsOf[l][k]] += column.RowDrawKw[k];
                    if (seen.Add((row.Resource, row.Step))) energyKwh += Math.Max(0, column.RowDrawKw[k]) * _dt;
                }
            }

            var scale = energyKwh > 0 && objective > 0 ? objective / energyKwh : 0;
            var prices = new double[Rows.Count];
            var any = false;
            for (var r = 0; r < Rows.Count; r++)
            {
                var over = load[r] - Rows[r].LimitKw;
                if (over <= _options.ToleranceKw || load[r] <= 0) continue;
                prices[r] = scale * Math.Min(1, over / load[r]) * _dt;
                any = true;
            }

            return any && scale > 0 ? prices : null;
        }

        /// <summary>
        /// Node prices estimated from a cap round's marginal values μ_ℓ (<see cref="RepairedPlan.CapPricePerKwh"/>), in
        /// objective units per kW and step. At an optimal allocation every participant's path sum Σ_{n on path} λ_n is a
        /// valid μ_ℓ; so, root first, each row whose caps (with the other plans) fill its limit gets
        /// λ_n = max(0, min over the groups below it of the group's median of μ_ℓ − Σ λ of the nodes above n), a group
        /// being the participants attached at n or those under one child; a row not filled gets 0. Null when no answer
        /// carries marginal values.
        /// </summary>
        public double[]? CapPrices(IReadOnlyList<int> asked, IReadOnlyList<CapRequest> requests, IReadOnlyList<RepairedPlan> answers)
        {
            var fill = (double[])_fixedLoadKw.Clone();
            var open = new bool[Rows.Count];
            var mu = new Dictionary<int, IReadOnlyDictionary<string, IReadOnlyList<double>>>();
            var isAsked = new HashSet<int>(asked);
            for (var a = 0; a < asked.Count; a++)
            {
                var l = asked[a];
                var caps = requests[a].MaxKw;
                for (var k = 0; k < _rowsOf[l].Count; k++)
                {
                    var r = _rowsOf[l][k];
                    if (caps.TryGetValue(Rows[r].Resource, out var cap) && double.IsFinite(cap[Rows[r].Step])) fill[r] += cap[Rows[r].Step];
                    else open[r] = true;
                }

                if (answers[a].Accepted && answers[a].CapPricePerKwh is { } prices) mu[l] = prices;
            }

            if (mu.Count == 0) return null;
            for (var l = 0; l < _participants.Count; l++)
            {
                if (!_active[l] || isAsked.Contains(l)) continue;
                var column = _columns[l][0];
                for (var k = 0; k < column.RowDrawKw.Length; k++) fill[_rowsOf[l][k]] += column.RowDrawKw[k];
            }

            var estimate = new double[Rows.Count];
            var least = Enumerable.Repeat(double.PositiveInfinity, Rows.Count).ToArray(); // min over groups of their medians
            var above = mu.Keys.ToDictionary(l => l, _ => new double[_slotCount]);
            for (var depth = 0; depth <= _maxDepth; depth++)
            {
                // One key per (row, group) for every entry of a path, computed once per path (shared by its participants).
                var slots = new Dictionary<(int Row, int Group), int>();
                var lists = new List<List<double>>();
                var keysOf = new Dictionary<List<int>, int[]>(ReferenceEqualityComparer.Instance);
                foreach (var (l, prices) in mu)
                {
                    var rows = _rowsOf[l];
                    var path = _paths[l];
                    if (depth >= path.Length) continue;
                    if (!keysOf.TryGetValue(rows, out var keys))
                    {
                        var group = depth + 1 < path.Length ? path[depth + 1] : -1;
                        keys = new int[rows.Count];
                        for (var k = 0; k < rows.Count; k++)
                        {
                            keys[k] = -1;
                            if (_depth[Rows[rows[k]].Node] != depth) continue;
                            if (!slots.TryGetValue((rows[k], group), out var slot))
                            {
                                slots[(rows[k], group)] = slot = lists.Count;
                                lists.Add([]);
                            }

                            keys[k] = slot;
                        }

                        keysOf[rows] = keys;
                    }

                    string? resource = null;
                    IReadOnlyList<double>? series = null;
                    for (var k = 0; k < rows.Count; k++)
                    {
                        if (keys[k] < 0) continue;
                        var row = Rows[rows[k]];
                        if (!ReferenceEquals(row.Resource, resource))
                        {
                            resource = row.Resource;
                            series = prices.TryGetValue(resource, out var found) ? found : null;
                        }

                        if (series is null || row.Step >= series.Count) continue;
                        lists[keys[k]].Add(series[row.Step] * _dt - above[l][_slot[rows[k]]]);
                    }
                }

                var groups = slots.Where(x => lists[x.Value].Count > 0).ToDictionary(x => x.Key, x => lists[x.Value]);
                foreach (var ((r, _), values) in groups)
                {
                    values.Sort();
                    var median = values.Count % 2 == 1 ? values[values.Count / 2] : 0.5 * (values[values.Count / 2 - 1] + values[values.Count / 2]);
                    least[r] = Math.Min(least[r], median);
                }

                foreach (var ((r, _), _) in groups)
                {
                    var filled = !open[r] && fill[r] >= Rows[r].LimitKw - _options.ToleranceKw - 1e-6 * Math.Abs(Rows[r].LimitKw);
                    estimate[r] = filled ? Math.Max(0, least[r]) : 0;
                }

                // What the nodes of this depth charge, for the residuals of the rows below them (same resource and step).
                foreach (var l in mu.Keys)
                {
                    foreach (var r in _rowsOf[l])
                    {
                        if (_depth[Rows[r].Node] == depth) above[l][_slot[r]] += estimate[r];
                    }
                }
            }

            return estimate;
        }

        /// <summary>Asks the cap batch; checks that every request got an answer.</summary>
        public async Task<IReadOnlyList<RepairedPlan>> AnswerAsync(CapBatch batch, List<CapRequest> requests, CancellationToken cancellationToken)
        {
            if (requests.Count == 0) return [];
            var answers = await batch(requests, cancellationToken);
            if (answers.Count != requests.Count) throw new InvalidOperationException($"the repair batch answered {answers.Count} of {requests.Count} requests");
            return answers;
        }

        /// <summary>Every accepted plan of a still-active participant becomes a column: a feasible plan of its own, with its J.</summary>
        public void AddAccepted(IReadOnlyList<int> asked, IReadOnlyList<RepairedPlan> answers)
        {
            var plans = new Column?[_participants.Count];
            for (var a = 0; a < asked.Count; a++)
            {
                var l = asked[a];
                if (!_active[l] || !answers[a].Accepted || !double.IsFinite(answers[a].Objective)) continue;
                plans[l] = AddColumn(ColumnOf(l, answers[a].DrawKw, answers[a].Objective));
            }

            AddGroupColumns(plans);
        }

        /// <summary>Asks every active participant for its best plan at <paramref name="prices"/> (per coupling row, objective units per kW and step).</summary>
        public async Task<IReadOnlyList<PricedPlan>> Ask(PriceBatch batch, double[] prices, CancellationToken cancellationToken)
        {
            var perPath = new Dictionary<List<int>, Dictionary<string, IReadOnlyList<double>>>(ReferenceEqualityComparer.Instance);
            var requests = Enumerable.Range(0, _participants.Count).Where(l => _active[l]).Select(l => new PriceRequest(_participants[l], PricePerKwh(l, prices, perPath))).ToList();
            var answers = await batch(requests, cancellationToken);
            if (answers.Count != requests.Count) throw new InvalidOperationException($"the price batch answered {answers.Count} of {requests.Count} requests");
            return answers;
        }

        /// <summary>
        /// Takes in the answers of <see cref="Ask"/> at <paramref name="prices"/> (asked while the same participants were
        /// active): their plans become columns; returns the Lagrangian bound L(π) = Σ_ℓ v_ℓ(π) + Σ fixed J +
        /// Σ_r π_r·(fixed load_r − Plim_r), whether some new column has a negative reduced cost at the master's own duals
        /// (none without a master), and the proposals' largest summed draw above a limit, kW.
        /// </summary>
        public (double Bound, bool Improving, double ProposalExcessKw) Absorb(double[] prices, IReadOnlyList<PricedPlan> answers, Master? master)
        {
            var asked = Enumerable.Range(0, _participants.Count).Where(l => _active[l]).ToList();
            var bound = _fixedObjective;
            for (var r = 0; r < Rows.Count; r++) bound += prices[r] * (_fixedLoadKw[r] - Rows[r].LimitKw);
            var load = (double[])_fixedLoadKw.Clone();
            var reduced = new double[_members.Count]; // Σ_members (J + λ·d) − μ_group, at the master's own duals
            var plans = new Column?[_participants.Count];
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
                var column = AddColumn(ColumnOf(l, answer.DrawKw, answer.Objective));
                plans[l] = column;
                reduced[_groupOf[l]] += column.Objective;
                for (var k = 0; k < column.RowDrawKw.Length; k++)
                {
                    if (master is not null) reduced[_groupOf[l]] += master.Prices[_rowsOf[l][k]] * column.RowDrawKw[k];
                    load[_rowsOf[l][k]] += column.RowDrawKw[k];
                }
            }

            AddGroupColumns(plans);
            var improvement = 0.0;
            if (master is not null)
            {
                for (var g = 0; g < _members.Count; g++)
                {
                    if (_members[g].All(l => plans[l] is not null)) improvement += Math.Min(0, reduced[g] - master.Convexity[g]);
                }
            }

            var excess = 0.0;
            for (var r = 0; r < Rows.Count; r++) excess = Math.Max(excess, load[r] - Rows[r].LimitKw);
            var improving = master is not null && improvement < -1e-7 * Math.Max(1, Math.Abs(master.Objective));
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

        /// <summary>
        /// Drops, with <see cref="EconomicOptions.DropColumnsAfterRounds"/> &gt; 0, every master column that has had no
        /// weight in that many masters in a row, keeping at least the column of largest weight of each group.
        /// </summary>
        public void DropUnused(Master master)
        {
            var after = _options.DropColumnsAfterRounds;
            for (var g = 0; g < _members.Count; g++)
            {
                var columns = _groupColumns[g];
                if (columns.Count == 0) continue;
                foreach (var column in columns) column.Idle = master.GroupWeights.GetValueOrDefault(column) > 1e-12 ? 0 : column.Idle + 1;
                if (after <= 0 || columns.Count <= 1) continue;
                var keep = columns.MaxBy(c => master.GroupWeights.GetValueOrDefault(c))!;
                columns.RemoveAll(c =>
                {
                    if (ReferenceEquals(c, keep) || c.Idle < after) return false;
                    _master.Drop(c);
                    return true;
                });
            }
        }

        /// <summary>The repair's questions for <paramref name="master"/>: each participant's blended allocation Σ_k w_k·d_k.</summary>
        public Allocation Allocate(Master master)
        {
            var requests = new List<CapRequest>();
            var asked = new List<int>();
            var allocations = new IReadOnlyDictionary<string, IReadOnlyList<double>>[_participants.Count];
            var fallback = new Column?[_participants.Count];
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

            return new Allocation(asked, requests, allocations, fallback);
        }

        /// <summary>The repair's answers as outcomes, checked node by node from the final draws alone.</summary>
        public Evaluation Evaluate(Allocation allocation, IReadOnlyList<RepairedPlan> answers)
        {
            var (asked, _, allocations, fallback) = allocation;
            var outcomes = new EconomicOutcome[_participants.Count];
            for (var a = 0; a < asked.Count; a++)
            {
                var l = asked[a];
                var answer = answers[a];
                outcomes[l] = answer.Accepted
                    ? new EconomicOutcome(_participants[l].Id, answer.DrawKw, answer.Objective, allocations[l], true, !_active[l], null)
                    : new EconomicOutcome(_participants[l].Id, fallback[l]!.DrawKw, fallback[l]!.Objective, allocations[l], false, !_active[l],
                        $"refused its allocation ({answer.Reason ?? "no reason given"}); kept its plan of largest weight");
            }

            for (var l = 0; l < _participants.Count; l++)
            {
                if (outcomes[l] is not null) continue;
                var p = _participants[l];
                outcomes[l] = p.HasPlan
                    ? new EconomicOutcome(p.Id, fallback[l]!.DrawKw, fallback[l]!.Objective, allocations[l], true, !_active[l], "draws no limited resource: its plan stands")
                    : new EconomicOutcome(p.Id, p.DrawKw, p.Objective, allocations[l], false, false, "has no feasible plan: counted at its given draw, not priced");
            }

            var loads = NodeLoads.Compute(_limits, _participants.Select((p, l) => (p.Node, outcomes[l].DrawKw)).ToList(), _steps, _dt, _options.ToleranceKw);
            var total = outcomes.Where((o, l) => _participants[l].HasPlan).Sum(o => o.Objective);
            var hold = NodeLoads.Hold(loads) && _participants.All(p => p.HasPlan);
            return new Evaluation(outcomes, loads, total, hold, answers);
        }

        public EconomicReport Report(Evaluation final, Master master, int rounds, bool converged, List<EconomicRound> trace, double lowerBound, double gap, double upperBound)
        {
            double? toReference = _options.ReferenceObjective is { } reference ? (final.Total - reference) / Math.Max(Math.Abs(reference), Epsilon) : null;
            var prices = PricesPerNode(master.Prices);
            var warm = new EconomicWarmStart(prices, final.Outcomes.ToDictionary(o => o.Id, o => o.DrawKw, StringComparer.Ordinal));
            return new EconomicReport(rounds, converged, trace, lowerBound, upperBound, gap, final.Total, toReference, prices, final.Outcomes, final.Loads, warm)
            {
                MasterSolveTime = _master.SolveTime,
            };
        }

        public void Dispose() => _master.Dispose();

        /// <summary>Keeps a participant's plan (once: an equal one already kept is returned instead).</summary>
        private Column AddColumn(Column column)
        {
            var l = column.Owner;
            foreach (var c in _columns[l])
            {
                if (Same(c, column)) return c;
            }

            _columns[l].Add(column);
            return column;
        }

        /// <summary>
        /// One new master column per group any of whose members has a new plan in <paramref name="plans"/>; a member
        /// without one takes its plan of largest weight in the last master (any of its plans makes a valid combination).
        /// </summary>
        private void AddGroupColumns(Column?[] plans)
        {
            for (var g = 0; g < _members.Count; g++)
            {
                var members = _members[g];
                if (!members.Any(l => plans[l] is not null) || !_active[members[0]]) continue;
                AddGroupColumn(g, members.Select(l => plans[l] ?? Incumbent(l)).ToArray());
            }
        }

        private Column Incumbent(int l) => _last is null ? _columns[l][0] : _columns[l].MaxBy(c => _last.Weights.GetValueOrDefault(c))!;

        private void AddGroupColumn(int g, Column[] members)
        {
            foreach (var existing in _groupColumns[g])
            {
                if (existing.Members.Zip(members).All(pair => ReferenceEquals(pair.First, pair.Second))) return;
            }

            var rows = _rowsOf[members[0].Owner];
            var draw = new double[rows.Count];
            var objective = 0.0;
            foreach (var member in members)
            {
                objective += member.Objective;
                for (var k = 0; k < draw.Length; k++) draw[k] += member.RowDrawKw[k];
            }

            var column = new GroupColumn(g, members, objective, draw);
            _groupColumns[g].Add(column);
            _master.Add(column, rows);
        }

        private void Fix(int l, Column column)
        {
            var wasActive = _active[l];
            _active[l] = false;
            _fixed[l] = column;
            _fixedObjective += column.Objective;
            for (var k = 0; k < column.RowDrawKw.Length; k++) _fixedLoadKw[_rowsOf[l][k]] += column.RowDrawKw[k];
            if (!wasActive || _master is null) return;
            _master.Deactivate(_groupOf[l], _groupColumns[_groupOf[l]]); // a MILP participant is a group of its own
            foreach (var r in _rowsOf[l]) _master.SetUpper(r, Rows[r].LimitKw - _fixedLoadKw[r]);
        }

        /// <summary>Σ_k w_k·d_k per resource some node on the participant's path limits, over the whole horizon, kW.</summary>
        private Dictionary<string, IReadOnlyList<double>> Blend(int l, IReadOnlyList<Column> columns, IReadOnlyList<double> weights)
        {
            var resources = _resourcesOf[_rowsOf[l]];
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

        /// <summary>Per resource and step, the summed price of the nodes on the participant's path, per kWh (one answer per path, shared).</summary>
        private Dictionary<string, IReadOnlyList<double>> PricePerKwh(int l, double[] prices, Dictionary<List<int>, Dictionary<string, IReadOnlyList<double>>> perPath)
        {
            var rows = _rowsOf[l];
            if (perPath.TryGetValue(rows, out var shared)) return shared;
            var result = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
            foreach (var r in rows)
            {
                var row = Rows[r];
                if (!result.TryGetValue(row.Resource, out var series)) result[row.Resource] = series = new double[_steps];
                ((double[])series)[row.Step] += prices[r] / _dt;
            }

            perPath[rows] = result;
            return result;
        }

        private Column ColumnOf(int l, IReadOnlyDictionary<string, IReadOnlyList<double>> drawKw, double objective)
        {
            var rows = _rowsOf[l];
            var values = new double[rows.Count];
            string? resource = null;
            IReadOnlyList<double>? series = null;
            for (var k = 0; k < rows.Count; k++)
            {
                var row = Rows[rows[k]];
                if (!ReferenceEquals(row.Resource, resource))
                {
                    resource = row.Resource; // rows come per node, resource, step: one look-up per run of a resource
                    series = drawKw.TryGetValue(resource, out var found) ? found : null;
                }

                values[k] = series is not null && row.Step < series.Count ? series[row.Step] : 0;
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

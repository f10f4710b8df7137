using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Sems.Engine.Coordination.Economic;

/// <summary>
/// The restricted master LP of <see cref="EconomicCoordinator"/>, kept loaded in one GLOP model across the rounds:
/// min Σ J·w + penalty·Δt·Σ s s.t. Σ w·d − s ≤ Plim − fixed loads on the coupling rows, Σ_k w_gk = 1 per group.
/// A new column is a new variable with its coefficients set on the rows already in the model, so nothing is rebuilt
/// on this side; OR-Tools' GLOP wrapper still re-extracts the model after new variables and solves it from scratch
/// (the iteration counts grow with the master rather than staying small), so a solve costs about what a fresh one
/// does. What keeps the master small is aggregation (groups) and row generation. Rows enter lazily (row
/// generation): only rows some blend has come near are in the model; after every solve the blend's load on every row
/// left out is checked and the violated ones are added and the master solved again, so the optimum returned holds
/// every row (a row left out has price 0 and no slack). A dropped column gets the bounds [0, 0] (OR-Tools cannot
/// delete a variable); a fixed participant's convexity row is freed. When a solve does not end optimal the model is
/// loaded afresh once. Not thread-safe: one master belongs to one coordination run.
/// </summary>
internal sealed class MasterProblem : IDisposable
{
    private readonly double[] _upperKw;
    private readonly double _slackCost;
    private readonly double _toleranceKw;
    private readonly bool[] _freed;
    private readonly bool[] _inModel;
    private readonly MPSolverParameters _parameters = new();
    private readonly Dictionary<EconomicCoordinator.GroupColumn, (Variable Variable, IReadOnlyList<int> Rows)> _live = new(ReferenceEqualityComparer.Instance);
    private Solver _solver;
    private Constraint?[] _coupling;
    private Variable?[] _slack;
    private Constraint?[] _convexity;
    private Objective _objective;

    /// <param name="upperKw">Per coupling row: Plim − fixed loads, kW.</param>
    /// <param name="slackCost">The objective cost of one kW of slack on a row for one step (penalty per kWh · Δt).</param>
    /// <param name="groups">Groups of participants, for their convexity rows.</param>
    /// <param name="toleranceKw">A row left out enters the model once a blend draws more than this above it, kW.</param>
    public MasterProblem(IReadOnlyList<double> upperKw, double slackCost, int groups, double toleranceKw)
    {
        _upperKw = upperKw.ToArray();
        _slackCost = slackCost;
        _toleranceKw = toleranceKw;
        _freed = new bool[groups];
        _inModel = new bool[_upperKw.Length];
        _parameters.SetIntegerParam(MPSolverParameters.IntegerParam.INCREMENTALITY, (int)MPSolverParameters.IncrementalityValues.INCREMENTALITY_ON);
        (_solver, _coupling, _slack, _convexity, _objective) = Load();
    }

    /// <summary>Columns in the master, dropped ones not included.</summary>
    public int Live => _live.Count;

    /// <summary>Coupling rows in the model.</summary>
    public int RowsInModel => _inModel.Count(x => x);

    /// <summary>Times the master was loaded afresh because a solve did not end optimal.</summary>
    public int Reloads { get; private set; }

    /// <summary>Time spent in GLOP's solves so far.</summary>
    public TimeSpan SolveTime { get; private set; }

    /// <summary>Adds a column of group <see cref="EconomicCoordinator.GroupColumn.Owner"/> with its draw on <paramref name="rows"/>.</summary>
    public void Add(EconomicCoordinator.GroupColumn column, IReadOnlyList<int> rows) => _live[column] = (Put(column, rows), rows);

    /// <summary>Takes a column out of the master for good (its weight is held at 0 until a reload leaves it out).</summary>
    public void Drop(EconomicCoordinator.GroupColumn column)
    {
        if (_live.Remove(column, out var entry)) entry.Variable.SetBounds(0, 0);
    }

    /// <summary>A group fixed to one plan: its columns leave the master and its convexity row is freed.</summary>
    public void Deactivate(int owner, IEnumerable<EconomicCoordinator.GroupColumn> columns)
    {
        foreach (var column in columns) Drop(column);
        _freed[owner] = true;
        _convexity[owner]?.SetBounds(double.NegativeInfinity, double.PositiveInfinity);
    }

    /// <summary>A coupling row's new right-hand side, kW (after fixing loads).</summary>
    public void SetUpper(int row, double upperKw)
    {
        _upperKw[row] = upperKw;
        _coupling[row]?.SetBounds(double.NegativeInfinity, upperKw);
    }

    /// <summary>Puts the rows on which <paramref name="loadKw"/> comes within <paramref name="marginKw"/> of the limit into the model.</summary>
    public void AddRowsNear(IReadOnlyList<double> loadKw, double marginKw)
    {
        var rows = new List<int>();
        for (var r = 0; r < _upperKw.Length; r++)
        {
            if (!_inModel[r] && loadKw[r] >= _upperKw[r] - marginKw * Math.Max(1, Math.Abs(_upperKw[r]))) rows.Add(r);
        }

        AddRows(rows);
    }

    /// <summary>Solves; the prices are λ = −dual ≥ 0 of each coupling row (0 for a row left out), the convexity duals μ per group.</summary>
    public (double Objective, double MaxSlackKw, double[] Prices, double[] Convexity, Dictionary<EconomicCoordinator.GroupColumn, double> Weights) Solve(double fixedObjective)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = _solver.Solve(_parameters);
            if (result != Solver.ResultStatus.OPTIMAL)
            {
                // A warm primal simplex can stall on a degenerate master: load it afresh and solve once more from scratch.
                Reloads++;
                Reload();
                result = _solver.Solve(_parameters);
            }

            if (result != Solver.ResultStatus.OPTIMAL)
            {
                SolveTime += clock.Elapsed;
                throw new InvalidOperationException($"the coordination master LP stopped with status {result} ({RowsInModel} of {_upperKw.Length} limit rows, {_live.Count} columns)");
            }

            // Row generation: the blend's load on every row left out.
            var load = new double[_upperKw.Length];
            foreach (var (column, (variable, rows)) in _live)
            {
                var w = variable.SolutionValue();
                if (w <= 0) continue;
                for (var k = 0; k < rows.Count; k++)
                {
                    if (!_inModel[rows[k]]) load[rows[k]] += w * column.RowDrawKw[k];
                }
            }

            var violated = new List<int>();
            for (var r = 0; r < _upperKw.Length; r++)
            {
                if (!_inModel[r] && load[r] > _upperKw[r] + _toleranceKw) violated.Add(r);
            }

            if (violated.Count == 0) break;
            AddRows(violated);
        }

        SolveTime += clock.Elapsed;
        var prices = new double[_upperKw.Length];
        var maxSlack = 0.0;
        for (var r = 0; r < _upperKw.Length; r++)
        {
            if (_coupling[r] is not { } row) continue;
            prices[r] = Math.Max(0, -row.DualValue()); // ∂objective/∂Plim ≤ 0 on a binding ≤ row
            maxSlack = Math.Max(maxSlack, _slack[r]!.SolutionValue());
        }

        var mu = new double[_convexity.Length];
        for (var g = 0; g < _convexity.Length; g++) mu[g] = _convexity[g]?.DualValue() ?? 0;
        var weights = new Dictionary<EconomicCoordinator.GroupColumn, double>(_live.Count, ReferenceEqualityComparer.Instance);
        foreach (var (column, entry) in _live) weights[column] = Math.Max(0, entry.Variable.SolutionValue());
        return (_objective.Value() + fixedObjective, maxSlack, prices, mu, weights);
    }

    public void Dispose()
    {
        _parameters.Dispose();
        _solver.Dispose();
    }

    private void AddRows(List<int> rows)
    {
        if (rows.Count == 0) return;
        var added = new bool[_upperKw.Length];
        foreach (var r in rows)
        {
            _inModel[r] = true;
            added[r] = true;
            MakeRow(r);
        }

        foreach (var (column, (variable, columnRows)) in _live)
        {
            for (var k = 0; k < columnRows.Count; k++)
            {
                if (added[columnRows[k]] && column.RowDrawKw[k] != 0) _coupling[columnRows[k]]!.SetCoefficient(variable, column.RowDrawKw[k]);
            }
        }
    }

    private void MakeRow(int r)
    {
        _coupling[r] = _solver.MakeConstraint(double.NegativeInfinity, _upperKw[r], "");
        _slack[r] = _solver.MakeNumVar(0, double.PositiveInfinity, "");
        _coupling[r]!.SetCoefficient(_slack[r], -1);
        _objective.SetCoefficient(_slack[r], _slackCost);
    }

    private void Reload()
    {
        _solver.Dispose();
        (_solver, _coupling, _slack, _convexity, _objective) = Load();
        foreach (var column in _live.Keys.ToList()) _live[column] = (Put(column, _live[column].Rows), _live[column].Rows);
    }

    private (Solver Solver, Constraint?[] Coupling, Variable?[] Slack, Constraint?[] Convexity, Objective Objective) Load()
    {
        var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver on this platform");
        if (!solver.SetSolverSpecificParametersAsString("use_dual_simplex:false use_preprocessing:false"))
            throw new InvalidOperationException("GLOP rejected the master's parameters");
        _solver = solver;
        _objective = solver.Objective();
        _objective.SetMinimization();
        _coupling = new Constraint?[_upperKw.Length];
        _slack = new Variable?[_upperKw.Length];
        for (var r = 0; r < _upperKw.Length; r++)
        {
            if (_inModel[r]) MakeRow(r);
        }

        return (solver, _coupling, _slack, new Constraint?[_freed.Length], _objective);
    }

    private Variable Put(EconomicCoordinator.GroupColumn column, IReadOnlyList<int> rows)
    {
        var owner = column.Owner;
        var convexity = _convexity[owner] ??= _freed[owner]
            ? _solver.MakeConstraint(double.NegativeInfinity, double.PositiveInfinity, "")
            : _solver.MakeConstraint(1, 1, "");
        var variable = _solver.MakeNumVar(0, double.PositiveInfinity, "");
        _objective.SetCoefficient(variable, column.Objective);
        convexity.SetCoefficient(variable, 1);
        for (var k = 0; k < rows.Count; k++)
        {
            if (_inModel[rows[k]] && column.RowDrawKw[k] != 0) _coupling[rows[k]]!.SetCoefficient(variable, column.RowDrawKw[k]);
        }

        return variable;
    }
}

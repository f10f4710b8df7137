using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Sems.Engine.Coordination.Economic;

/// <summary>
/// The restricted master LP of <see cref="EconomicCoordinator"/>, kept loaded in one GLOP model across the rounds:
/// min Σ J·w + penalty·Δt·Σ s s.t. Σ w·d − s ≤ Plim − fixed loads on every coupling row, Σ_k w_ℓk = 1 per participant.
/// A new column is a new variable with its coefficients set on the existing rows, so each solve after the first starts
/// from the last optimal basis (presolve off) instead of rebuilding the program. A dropped column gets the bounds
/// [0, 0] (OR-Tools cannot delete a variable); a fixed participant's convexity row is freed and its columns bounded to
/// 0. Not thread-safe: one master belongs to one coordination run.
/// </summary>
internal sealed class MasterProblem : IDisposable
{
    private readonly double[] _upperKw;
    private readonly double _slackCost;
    private readonly bool[] _freed;
    private readonly MPSolverParameters _parameters = new();
    private readonly Dictionary<EconomicCoordinator.Column, (Variable Variable, IReadOnlyList<int> Rows)> _live = new(ReferenceEqualityComparer.Instance);
    private Solver _solver;
    private Constraint[] _coupling;
    private Variable[] _slack;
    private Constraint?[] _convexity;
    private Objective _objective;

    /// <param name="upperKw">Per coupling row: Plim − fixed loads, kW.</param>
    /// <param name="slackCost">The objective cost of one kW of slack on a row for one step (penalty per kWh · Δt).</param>
    /// <param name="participants">Participants, for their convexity rows.</param>
    public MasterProblem(IReadOnlyList<double> upperKw, double slackCost, int participants)
    {
        _upperKw = upperKw.ToArray();
        _slackCost = slackCost;
        _freed = new bool[participants];
        _parameters.SetIntegerParam(MPSolverParameters.IntegerParam.INCREMENTALITY, (int)MPSolverParameters.IncrementalityValues.INCREMENTALITY_ON);
        (_solver, _coupling, _slack, _convexity, _objective) = Load();
    }

    /// <summary>Columns in the master, dropped ones not included.</summary>
    public int Live => _live.Count;

    /// <summary>Times the master was loaded afresh because a warm solve did not end optimal.</summary>
    public int Reloads { get; private set; }

    /// <summary>Time spent in GLOP's solves so far.</summary>
    public TimeSpan SolveTime { get; private set; }

    /// <summary>Adds a column of participant <see cref="EconomicCoordinator.Column.Owner"/> with its draw on <paramref name="rows"/>.</summary>
    public void Add(EconomicCoordinator.Column column, IReadOnlyList<int> rows) => _live[column] = (Put(column, rows), rows);

    /// <summary>Takes a column out of the master for good (its weight is held at 0 until the next reload drops it).</summary>
    public void Drop(EconomicCoordinator.Column column)
    {
        if (_live.Remove(column, out var entry)) entry.Variable.SetBounds(0, 0);
    }

    /// <summary>A participant fixed to one plan: its columns leave the master and its convexity row is freed.</summary>
    public void Deactivate(int owner, IEnumerable<EconomicCoordinator.Column> columns)
    {
        foreach (var column in columns) Drop(column);
        _freed[owner] = true;
        _convexity[owner]?.SetBounds(double.NegativeInfinity, double.PositiveInfinity);
    }

    /// <summary>A coupling row's new right-hand side, kW (after fixing loads).</summary>
    public void SetUpper(int row, double upperKw)
    {
        _upperKw[row] = upperKw;
        _coupling[row].SetBounds(double.NegativeInfinity, upperKw);
    }

    /// <summary>Solves warm; the prices are λ = −dual ≥ 0 of each coupling row, the convexity duals μ per participant.</summary>
    public EconomicCoordinator.Master Solve(double fixedObjective)
    {
        var clock = Stopwatch.StartNew();
        var result = _solver.Solve(_parameters);
        if (result != Solver.ResultStatus.OPTIMAL)
        {
            // A warm primal simplex can stall on a degenerate master: load it afresh and solve once more from scratch.
            Reloads++;
            _solver.Dispose();
            (_solver, _coupling, _slack, _convexity, _objective) = Load();
            foreach (var column in _live.Keys.ToList()) _live[column] = (Put(column, _live[column].Rows), _live[column].Rows);
            result = _solver.Solve(_parameters);
        }

        SolveTime += clock.Elapsed;
        if (result != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"the coordination master LP stopped with status {result} ({_coupling.Length} limit rows, {_live.Count} columns)");
        var prices = new double[_coupling.Length];
        var maxSlack = 0.0;
        for (var r = 0; r < _coupling.Length; r++)
        {
            prices[r] = Math.Max(0, -_coupling[r].DualValue()); // ∂objective/∂Plim ≤ 0 on a binding ≤ row
            maxSlack = Math.Max(maxSlack, _slack[r].SolutionValue());
        }

        var mu = new double[_convexity.Length];
        for (var l = 0; l < _convexity.Length; l++) mu[l] = _convexity[l]?.DualValue() ?? 0;
        var weights = new Dictionary<EconomicCoordinator.Column, double>(_live.Count, ReferenceEqualityComparer.Instance);
        foreach (var (column, entry) in _live) weights[column] = Math.Max(0, entry.Variable.SolutionValue());
        return new EconomicCoordinator.Master(_objective.Value() + fixedObjective, maxSlack, prices, mu, weights);
    }

    private (Solver Solver, Constraint[] Coupling, Variable[] Slack, Constraint?[] Convexity, Objective Objective) Load()
    {
        var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver on this platform");
        if (!solver.SetSolverSpecificParametersAsString("use_dual_simplex:false use_preprocessing:false"))
            throw new InvalidOperationException("GLOP rejected the master's parameters");
        var objective = solver.Objective();
        objective.SetMinimization();
        var coupling = new Constraint[_upperKw.Length];
        var slack = new Variable[_upperKw.Length];
        for (var r = 0; r < _upperKw.Length; r++)
        {
            coupling[r] = solver.MakeConstraint(double.NegativeInfinity, _upperKw[r], "");
            slack[r] = solver.MakeNumVar(0, double.PositiveInfinity, "");
            coupling[r].SetCoefficient(slack[r], -1);
            objective.SetCoefficient(slack[r], _slackCost);
        }

        return (solver, coupling, slack, new Constraint?[_freed.Length], objective);
    }

    private Variable Put(EconomicCoordinator.Column column, IReadOnlyList<int> rows)
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
            if (column.RowDrawKw[k] != 0) _coupling[rows[k]].SetCoefficient(variable, column.RowDrawKw[k]);
        }

        return variable;
    }

    public void Dispose()
    {
        _parameters.Dispose();
        _solver.Dispose();
    }
}

using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Sems.Engine.Optimisation;

/// <summary>
/// A continuous <see cref="LinearProgram"/> loaded once into OR-Tools and solved repeatedly while row bounds, variable
/// bounds or objective coefficients change: a sensitivity analysis. Each solve after the first starts from the last
/// optimal basis (GLOP's incrementality, with its presolve off so the basis carries over), so a change to one bound
/// costs a few dual simplex pivots instead of a solve from scratch. Every solve reports the row duals and the
/// reduced costs. No OR-Tools type or exception leaves this class: failures become <see cref="SolveStatus.Error"/>.
/// Not thread-safe: one session belongs to one caller.
/// </summary>
public sealed class LpSession : IDisposable
{
    /// <summary>GLOP parameters of a session: <see cref="SolverSettings.DualSimplex"/>, presolve off so each re-solve is warm.</summary>
    public const string WarmGlopParameters = "use_dual_simplex:true use_preprocessing:false";

    private readonly Solver _solver;
    private readonly Variable[] _variables;
    private readonly List<Constraint> _rows;
    private readonly Objective _objective;
    private readonly MPSolverParameters _parameters = new();
    private readonly SolverSettings _settings;
    private LinearProgram _program;
    private bool _solved;

    private LpSession(LinearProgram program, SolverSettings settings, Solver solver)
    {
        _program = program;
        _settings = settings;
        _solver = solver;
        _variables = new Variable[program.VariableCount];
        for (var j = 0; j < _variables.Length; j++) _variables[j] = solver.MakeNumVar(program.Lower(j), program.Upper(j), ShortName('v', j));
        _rows = new List<Constraint>(program.RowCount);
        for (var r = 0; r < program.RowCount; r++)
        {
            var row = solver.MakeConstraint(program.RowLower(r), program.RowUpper(r), ShortName('c', r));
            _rows.Add(row);
            var columns = program.RowColumns(r);
            var values = program.RowValues(r);
            for (var k = 0; k < columns.Length; k++) row.SetCoefficient(_variables[columns[k]], values[k]);
        }

        _objective = solver.Objective();
        for (var j = 0; j < _variables.Length; j++)
        {
            var coefficient = program.ObjectiveCoefficient(j);
            if (coefficient != 0) _objective.SetCoefficient(_variables[j], coefficient);
        }

        _objective.SetOffset(program.ObjectiveOffset);
        _objective.SetMinimization();
        _parameters.SetIntegerParam(MPSolverParameters.IntegerParam.INCREMENTALITY, (int)MPSolverParameters.IncrementalityValues.INCREMENTALITY_ON);
    }

    /// <summary>The backend name reported in every <see cref="LpSolution"/>.</summary>
    public string Backend => "GLOP";

    /// <summary>Solves made so far, the first (cold) one included.</summary>
    public int SolveCount { get; private set; }

    /// <summary>Simplex iterations GLOP made in the last solve (OR-Tools' <c>Solver.Iterations()</c>); 0 before any solve.</summary>
    public long LastIterations { get; private set; }

    /// <summary>Rows in the session: the program's rows, then those added with <see cref="AddRow"/>.</summary>
    public int RowCount => _rows.Count;

    /// <summary>
    /// Loads <paramref name="program"/> into GLOP. Only continuous programs have duals: one with integer variables is
    /// refused (fix its integers first). The session keeps <paramref name="settings"/>' time limit per solve.
    /// </summary>
    public static LpSession Open(LinearProgram program, SolverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(settings);
        if (program.HasIntegers)
            throw new ArgumentException("program: has integer variables; an LP session needs a continuous program (fix the integers first)", nameof(program));
        var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver on this platform");
        if (!solver.SetSolverSpecificParametersAsString(WarmGlopParameters))
        {
            solver.Dispose();
            throw new InvalidOperationException($"GLOP rejected the parameters \"{WarmGlopParameters}\"");
        }

        solver.SetTimeLimit((long)Math.Max(1, settings.TimeLimit.TotalMilliseconds));
        return new LpSession(program, settings, solver);
    }

    /// <summary>The program loaded, or the last one passed to <see cref="Track"/>; it names rows and variables in error messages.</summary>
    public LinearProgram Program => _program;

    /// <summary>
    /// Makes <paramref name="program"/> the session's <see cref="Program"/> after its differences from the loaded one
    /// have been written (the same variables and rows), so that the session no longer holds the program it was opened with.
    /// </summary>
    public void Track(LinearProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.VariableCount != _variables.Length || program.RowCount != _program.RowCount)
            throw new ArgumentException($"program: {program.VariableCount} variables and {program.RowCount} rows where the session has {_variables.Length} and {_program.RowCount}", nameof(program));
        _program = program;
    }

    /// <summary>Changes the bounds of one row (lower ≤ Σ a·x ≤ upper) for the following solves.</summary>
    public void SetRowBounds(int row, double lower, double upper)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper)) throw new ArgumentException($"Bounds of row {(row < _program.RowCount ? _program.RowName(row) : $"added row {row}")} are NaN.");
        _rows[row].SetBounds(lower, upper);
    }

    /// <summary>Changes the bounds of one variable for the following solves.</summary>
    public void SetVariableBounds(int variable, double lower, double upper)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper)) throw new ArgumentException($"Bounds of {_program.VariableName(variable)} are NaN.");
        _variables[variable].SetBounds(lower, upper);
    }

    /// <summary>Changes one objective coefficient for the following solves.</summary>
    public void SetObjectiveCoefficient(int variable, double coefficient) => _objective.SetCoefficient(_variables[variable], coefficient);

    /// <summary>Changes the objective's constant term for the following solves.</summary>
    public void SetObjectiveOffset(double offset)
    {
        if (!double.IsFinite(offset)) throw new ArgumentException($"objective offset: {offset} is not a finite number", nameof(offset));
        _objective.SetOffset(offset);
    }

    /// <summary>
    /// Changes the matrix coefficient a of <paramref name="variable"/> in <paramref name="row"/> (0 removes the term) for
    /// the following solves. GLOP keeps its basis across such a change and refactorises it.
    /// </summary>
    public void SetCoefficient(int row, int variable, double coefficient)
    {
        if (!double.IsFinite(coefficient)) throw new ArgumentException($"coefficient of {_program.VariableName(variable)} in row {row}: {coefficient} is not a finite number", nameof(coefficient));
        _rows[row].SetCoefficient(_variables[variable], coefficient);
    }

    /// <summary>
    /// Adds a row lower ≤ Σ a·x ≤ upper over the program's variables to this session only (the <see cref="Program"/>
    /// is not changed); returns its index, ≥ the program's row count. GLOP keeps its basis when only rows are added
    /// (the new row's slack enters it). Solutions report its dual after the program's rows.
    /// </summary>
    public int AddRow(double lower, double upper, IReadOnlyList<(int Variable, double Coefficient)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (double.IsNaN(lower) || double.IsNaN(upper)) throw new ArgumentException($"Bounds of added row {_rows.Count} are NaN.");
        var row = _solver.MakeConstraint(lower, upper, ShortName('c', _rows.Count));
        foreach (var (variable, coefficient) in terms)
        {
            if (coefficient != 0) row.SetCoefficient(_variables[variable], coefficient);
        }

        _rows.Add(row);
        return _rows.Count - 1;
    }

    /// <summary>
    /// Solves the program as it stands, warm from the last basis. With <paramref name="readSolution"/> an optimal
    /// solution carries every value, <see cref="LpSolution.RowDuals"/> and <see cref="LpSolution.ReducedCosts"/>;
    /// without it only the status and the objective come back (read single numbers with <see cref="Value"/> and
    /// <see cref="RowDual"/>, which is cheaper when a sensitivity needs one dual of many rows). Duals are as OR-Tools
    /// reports them, ∂objective/∂bound: for a minimisation a binding ≥ row has a dual ≥ 0 and a binding ≤ row a dual ≤ 0.
    /// </summary>
    public LpSolution Solve(bool readSolution = true) => Solve(readSolution, readDuals: readSolution);

    /// <summary>
    /// As <see cref="Solve(bool)"/>; with <paramref name="readDuals"/> false a solution read carries the values only
    /// (empty duals and reduced costs), which saves two native calls per variable and one per row.
    /// </summary>
    public LpSolution Solve(bool readSolution, bool readDuals)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (SolveCore(clock, out var status, out var objective) is { } none) return none;
            if (!readSolution) return new LpSolution(status, objective, objective, 0.0, [], Backend, clock.Elapsed);
            var values = new double[_variables.Length];
            if (!readDuals)
            {
                for (var j = 0; j < values.Length; j++) values[j] = _variables[j].SolutionValue();
                return new LpSolution(status, objective, objective, 0.0, values, Backend, clock.Elapsed);
            }

            var reduced = new double[_variables.Length];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = _variables[j].SolutionValue();
                reduced[j] = _variables[j].ReducedCost();
            }

            var duals = new double[_rows.Count];
            for (var r = 0; r < duals.Length; r++) duals[r] = _rows[r].DualValue();
            return new LpSolution(status, objective, objective, 0.0, values, Backend, clock.Elapsed) { RowDuals = duals, ReducedCosts = reduced };
        }
        catch (Exception e) when (IsNativeFailure(e))
        {
            return Failed(clock, e);
        }
    }

    /// <summary>
    /// As <see cref="Solve(bool, bool)"/> with the values only, but reads only the variables in <paramref name="columns"/>
    /// (one native call each) into <paramref name="values"/>, which becomes the solution's <see cref="LpSolution.Values"/>
    /// and must have one entry per variable; the other entries are left as they are (the caller fills them, with NaN
    /// for "not read"). No duals or reduced costs. Nothing is allocated for the values, so a caller that solves
    /// repeatedly can pass the same array each time (each solution's values are then overwritten by the next solve).
    /// </summary>
    public LpSolution SolveReading(ReadOnlySpan<int> columns, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _variables.Length) throw new ArgumentException($"values: {values.Length} entries where the program has {_variables.Length} variables", nameof(values));
        var clock = Stopwatch.StartNew();
        try
        {
            if (SolveCore(clock, out var status, out var objective) is { } none) return none;
            foreach (var j in columns) values[j] = _variables[j].SolutionValue();
            return new LpSolution(status, objective, objective, 0.0, values, Backend, clock.Elapsed);
        }
        catch (Exception e) when (IsNativeFailure(e))
        {
            return Failed(clock, e);
        }
    }

    /// <summary>One warm solve: counts it, records its iterations; returns the no-solution answer, or null with the status and objective.</summary>
    private LpSolution? SolveCore(Stopwatch clock, out SolveStatus status, out double objective)
    {
        SolveCount++;
        _solved = false;
        var result = _solver.Solve(_parameters);
        LastIterations = _solver.Iterations();
        (status, objective) = (SolveStatus.Error, double.NaN);
        if (OrToolsSolver.NoSolution(result, Backend, _settings, clock.Elapsed) is { } none) return none;
        status = OrToolsSolver.StatusOf(result);
        _solved = true;
        objective = _objective.Value();
        return null;
    }

    /// <summary>What OR-Tools' native layer throws when a solve fails inside it: no such exception leaves this class.</summary>
    private static bool IsNativeFailure(Exception e) =>
        e is ApplicationException or InvalidOperationException or ArgumentException or NullReferenceException or AccessViolationException or System.Runtime.InteropServices.SEHException;

    private LpSolution Failed(Stopwatch clock, Exception e) =>
        new(SolveStatus.Error, double.NaN, double.NaN, double.NaN, [], Backend, clock.Elapsed, $"GLOP failed: {e.Message}");

    /// <summary>The value of one variable in the last solve, which must have found a solution.</summary>
    public double Value(int variable)
    {
        EnsureSolved();
        return _variables[variable].SolutionValue();
    }

    /// <summary>The dual of one row in the last solve (sign as in <see cref="Solve"/>), which must have found a solution.</summary>
    public double RowDual(int row)
    {
        EnsureSolved();
        return _rows[row].DualValue();
    }

    private void EnsureSolved()
    {
        if (!_solved) throw new InvalidOperationException("the last solve of this session found no solution: there is no value or dual to read");
    }

    /// <summary>
    /// A name for OR-Tools short enough for C++'s small-string buffer (at most 15 characters): with no name, MPSolver
    /// makes one of 16 ("auto_v_000000001"), a heap block per variable and row held by MPSolver and copied into GLOP
    /// at every solve. Short names keep about 50 bytes per variable and row less and make each solve slightly cheaper.
    /// </summary>
    private static string ShortName(char kind, int index) => string.Create(null, stackalloc char[12], $"{kind}{index}");

    public void Dispose()
    {
        _parameters.Dispose();
        _solver.Dispose();
    }
}

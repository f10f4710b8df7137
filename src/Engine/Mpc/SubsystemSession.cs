using System.Diagnostics;
using Sems.Engine.Model;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Mpc;

/// <summary>
/// One subsystem's MPC problem kept loaded in GLOP between solves: the receding horizon's next cycle, a coordinator's
/// tightened limits and a price-coordination scheme's prices change numbers, not the model's shape, so the session
/// writes only what changed into the loaded model and re-solves warm from the previous basis (GLOP's incrementality,
/// presolve off, <see cref="LpSession"/>).
/// <para>
/// <see cref="Solve"/> always rebuilds the <see cref="LinearProgram"/> (building is cheap and stays separate). When it
/// has the loaded program's structure — the same variables, rows and sparsity pattern, the same options — only the
/// differing variable bounds, row bounds, objective coefficients and matrix coefficients are written and the solve is
/// warm; otherwise the session reloads cold. Every solve's result is read by <see cref="SubsystemSolver.Read"/>, so its
/// objective terms and trajectories are those of <see cref="SubsystemSolver.Solve"/>; only the variables it reads
/// (<see cref="SubsystemSolver.ReadColumns"/>) are fetched from GLOP, not the ε² tail.
/// </para>
/// <para>
/// What a warm solve costs is mostly OR-Tools' own: MPSolver's GLOP interface is not incremental, so every
/// <c>Solve()</c> copies the whole model into a new GLOP program, validates and rescales it and recomputes the
/// solution from the kept basis, whatever changed (see docs/benchmarks.md, "Warm starts").
/// </para>
/// <para>
/// A mixed-integer model (unit commitment, exclusive stores) has no warm LP basis to keep: it is solved cold, exactly
/// as <see cref="SubsystemSolver.Solve"/> solves it (SCIP), every time, and reported with <c>Warm</c> false and 0
/// iterations. So is a model whose options name an LP backend other than GLOP. The session's GLOP runs dual simplex
/// with presolve off (<see cref="LpSession.WarmGlopParameters"/>) whatever <see cref="SolverSettings.GlopParameters"/>
/// says; objectives agree with the cold solve to solver tolerance, and where an LP has several optimal plans the two
/// may return different ones of equal objective.
/// </para>
/// <para>
/// OR-Tools' C# API (9.15) does not expose <c>MPSolver::SetStartingLpBasis</c>, and <c>SetHint</c> is read by MIP
/// solvers only, so the basis kept is the previous solve's, for the previous cycle's time indices: after a one-step
/// shift it is not moved by one step. See docs/benchmarks.md, "Warm starts", for what that costs.
/// </para>
/// Pure and not thread-safe: one session belongs to one caller (a subsystem grain's activation). Dispose it to free
/// the native model.
/// </summary>
public sealed class SubsystemSession : IDisposable
{
    private readonly Dictionary<string, int[]> _addedRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[][]> _addedColumns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _addedExportRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[][]> _addedExportColumns = new(StringComparer.Ordinal);
    private LpSession? _lp;
    private LinearProgram? _loaded;
    private MpcOptions? _loadedOptions;
    private SubsystemModel? _model;
    private MpcOptions _options = MpcOptions.Default;
    private double[] _lower = [];
    private double[] _upper = [];
    private double[] _objective = [];
    private double _offset;
    private double[] _rowLower = [];
    private double[] _rowUpper = [];
    private string?[] _rowResource = [];
    private string?[] _rowExport = [];
    private LinearProgram? _rowResourceProgram;
    private SubsystemModel? _readModel;
    private int[] _readColumns = [];
    private double[] _values = [];
    private bool _disposed;

    /// <summary>The model of the last <see cref="Solve"/> (null before the first one).</summary>
    public SubsystemModel? Model => _model;

    /// <summary>The options of the last <see cref="Solve"/> (null before the first one): tightened and priced re-solves use them.</summary>
    public MpcOptions? Options => _model is null ? null : _options;

    /// <summary>Whether an LP is loaded in GLOP, so that the next solve of the same structure is warm.</summary>
    public bool IsLoaded => _lp is not null;

    /// <summary>Cold loads so far (first solves, structure or option changes, reloads after a solver error).</summary>
    public int ColdLoads { get; private set; }

    /// <summary>Warm solves so far.</summary>
    public int WarmSolves { get; private set; }

    /// <summary>
    /// Builds the problem of <paramref name="subsystem"/> in <paramref name="district"/> and solves it: warm, writing
    /// only the differences, when its structure matches the loaded model's; else cold. Any tightening or price of a
    /// previous <see cref="ResolveTightened"/> or <see cref="SolvePriced"/> is undone: this is the problem as given.
    /// </summary>
    public SubsystemSessionSolve Solve(District district, Subsystem subsystem, MpcOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(subsystem);
        options ??= MpcOptions.Default;
        var clock = Stopwatch.StartNew();
        var model = SubsystemModelBuilder.Build(district, subsystem, options);
        var buildTime = clock.Elapsed;
        _model = model;
        _options = options;
        if (!Warmable(model.Program, options))
        {
            Unload();
            var cold = OrToolsSolver.Solve(model.Program, options.Solver);
            return new SubsystemSessionSolve(Finish(model, cold, buildTime, options), 0, false, 0);
        }

        return SolveLoaded(model, buildTime, tightened: null, price: null).Solve;
    }

    /// <summary>
    /// Re-solves the last <see cref="Solve"/>'s problem with Pmax of each named resource replaced by its series, kW per
    /// step (eq. 5; a resource without limits gets 0 ≤ Psub ≤ max, as <see cref="Subsystem.WithResourceMax"/> gives it)
    /// and, per resource <paramref name="exportMaxKw"/> names, the total of its exports capped at its series (a row
    /// Σ e[p][i] ≤ cap per step, as <see cref="Subsystem.WithExportCap"/> gives it; a resource it does not export has
    /// nothing to cap): only those rows' bounds change, and the solve is warm. Resources not named keep their own limits.
    /// </summary>
    public SubsystemSessionSolve ResolveTightened(
        IReadOnlyDictionary<string, IReadOnlyList<double>> tightenedMaxKw,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? exportMaxKw = null)
    {
        var model = Loaded();
        Check(tightenedMaxKw, nameof(tightenedMaxKw), model.Steps, finite: false);
        if (exportMaxKw is not null) Check(exportMaxKw, nameof(exportMaxKw), model.Steps, finite: false);
        if (exportMaxKw is { Count: 0 }) exportMaxKw = null;
        if (!Warmable(model.Program, _options))
        {
            var cold = SubsystemModelBuilder.Build(model.District, Tightened(model.Subsystem, tightenedMaxKw, exportMaxKw), _options);
            return new SubsystemSessionSolve(Finish(cold, OrToolsSolver.Solve(cold.Program, _options.Solver), TimeSpan.Zero, _options), 0, false, 0);
        }

        return SolveLoaded(model, TimeSpan.Zero, tightenedMaxKw, price: null, exportMaxKw).Solve;
    }

    /// <summary>
    /// Solves the last <see cref="Solve"/>'s problem with λ[p][i]·Δt added to the objective coefficient of every draw of
    /// resource p at step i (a price per kWh on the subsystem's Psub, eq. 25, for price-coordination schemes; not
    /// weighted by φ_nrg), optionally under tightened limits as <see cref="ResolveTightened"/>. Prices of resources the
    /// subsystem does not draw are ignored. Warm for an LP; a MILP is solved cold with the same price term.
    /// </summary>
    public PricedSubsystemSolve SolvePriced(
        IReadOnlyDictionary<string, IReadOnlyList<double>> pricePerKwh,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? tightenedMaxKw = null)
    {
        var model = Loaded();
        Check(pricePerKwh, nameof(pricePerKwh), model.Steps, finite: true);
        if (tightenedMaxKw is not null) Check(tightenedMaxKw, nameof(tightenedMaxKw), model.Steps, finite: false);
        if (!Warmable(model.Program, _options))
        {
            var subsystem = tightenedMaxKw is null ? model.Subsystem : Tightened(model.Subsystem, tightenedMaxKw);
            var cold = SubsystemModelBuilder.Build(model.District, subsystem, _options);
            var add = PriceCoefficients(cold, pricePerKwh);
            for (var j = 0; j < add.Length; j++)
            {
                if (add[j] != 0) cold.Program.AddObjective(j, add[j]);
            }

            var solution = OrToolsSolver.Solve(cold.Program, _options.Solver);
            return Priced(Finish(cold, solution, TimeSpan.Zero, _options), solution, add, 0, false);
        }

        var (solve, lp, price) = SolveLoaded(model, TimeSpan.Zero, tightenedMaxKw, pricePerKwh);
        return Priced(solve.Result, lp, price!, solve.Iterations, solve.Warm);
    }

    /// <summary>Drops the loaded model: the next solve is cold.</summary>
    public void Reset() => Unload();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Unload();
    }

    private SubsystemModel Loaded()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _model ?? throw new InvalidOperationException("the session has no problem yet: call Solve first");
    }

    private static bool Warmable(LinearProgram program, MpcOptions options) =>
        !program.HasIntegers && options.Solver.LpSolver.Equals("GLOP", StringComparison.OrdinalIgnoreCase);

    private static Subsystem Tightened(
        Subsystem subsystem, IReadOnlyDictionary<string, IReadOnlyList<double>> tightenedMaxKw, IReadOnlyDictionary<string, IReadOnlyList<double>>? exportMaxKw = null)
    {
        foreach (var (resource, max) in tightenedMaxKw) subsystem = subsystem.WithResourceMax(resource, Series.Of(max.ToArray()));
        if (exportMaxKw is null) return subsystem;
        var exported = subsystem.ExportedResources;
        foreach (var (resource, max) in exportMaxKw)
        {
            if (exported.Contains(resource, StringComparer.Ordinal)) subsystem = subsystem.WithExportCap(resource, Series.Of(max.ToArray()));
        }

        return subsystem;
    }

    private static void Check(IReadOnlyDictionary<string, IReadOnlyList<double>> series, string name, int steps, bool finite)
    {
        ArgumentNullException.ThrowIfNull(series, name);
        foreach (var (resource, values) in series)
        {
            if (values is null) throw new ArgumentException($"{name}.{resource}: no values", name);
            if (values.Count != steps) throw new ArgumentException($"{name}.{resource}: {values.Count} values where the horizon has {steps} steps", name);
            for (var i = 0; i < values.Count; i++)
            {
                if (double.IsNaN(values[i]) || (finite && !double.IsFinite(values[i])))
                    throw new ArgumentException($"{name}.{resource}[{i}]: {values[i]} is not {(finite ? "a finite number" : "a number")}", name);
            }
        }
    }

    /// <summary>
    /// Loads cold or applies the differences, solves, and reads the result the way SubsystemSolver does. An infeasible
    /// tightened problem is explained with the tightened limits (a model built only then).
    /// </summary>
    private (SubsystemSessionSolve Solve, LpSolution Lp, double[]? Price) SolveLoaded(
        SubsystemModel model,
        TimeSpan buildTime,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? tightened,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? price,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? exportCaps = null)
    {
        var program = model.Program;
        var add = price is null ? null : PriceCoefficients(model, price);
        var warm = _lp is not null && _loaded is not null && _options == _loadedOptions && SameStructure(_loaded, program) && SameAddedColumns(model);
        int changes;
        if (warm)
        {
            changes = Apply(model, matrix: !ReferenceEquals(program, _loaded), tightened, add, exportCaps);
            _lp!.Track(program);
        }
        else
        {
            Load(program, _options);
            changes = Apply(model, matrix: false, tightened, add, exportCaps) + program.VariableCount + program.RowCount + program.NonZeroCount;
        }

        _loaded = program;
        var solution = SolveReading(model);
        if (warm && solution.Status == SolveStatus.Error)
        {
            // A warm start that GLOP could not finish (numerics): once more from a cold load.
            warm = false;
            Load(program, _options);
            changes += Apply(model, matrix: false, tightened, add, exportCaps) + program.VariableCount + program.RowCount + program.NonZeroCount;
            solution = SolveReading(model);
        }

        var iterations = _lp!.LastIterations;
        if (warm) WarmSolves++;
        if (solution.Status is SolveStatus.Error or SolveStatus.Unbounded) Unload();
        var explained = (tightened is null && exportCaps is null) || solution.HasValues
            ? model
            : SubsystemModelBuilder.Build(model.District, Tightened(model.Subsystem, tightened ?? new Dictionary<string, IReadOnlyList<double>>(), exportCaps), _options);
        var result = Finish(explained, solution, buildTime, _options);
        return (new SubsystemSessionSolve(result, iterations, warm, changes), solution, add);
    }

    /// <summary>
    /// Solves the loaded model and reads only the values <see cref="SubsystemSolver.Read"/> uses
    /// (<see cref="SubsystemSolver.ReadColumns"/>, about a quarter of the heat network's variables: not the ε² tail) into
    /// the session's buffer; the others are NaN. The columns are recomputed for each new model, the buffer reused.
    /// </summary>
    private LpSolution SolveReading(SubsystemModel model)
    {
        if (!ReferenceEquals(model, _readModel))
        {
            var columns = SubsystemSolver.ReadColumns(model);
            if (_values.Length != model.Program.VariableCount || !columns.AsSpan().SequenceEqual(_readColumns))
            {
                if (_values.Length != model.Program.VariableCount) _values = new double[model.Program.VariableCount];
                Array.Fill(_values, double.NaN);
            }

            (_readModel, _readColumns) = (model, columns);
        }

        return _lp!.SolveReading(_readColumns, _values);
    }

    /// <summary>The result of a solution, exactly as <see cref="SubsystemSolver.Solve"/> makes it (explained when infeasible).</summary>
    private static SubsystemResult Finish(SubsystemModel model, LpSolution solution, TimeSpan buildTime, MpcOptions options)
    {
        if (solution.HasValues) return SubsystemSolver.Read(model, solution, buildTime);
        var findings = solution.Status == SolveStatus.Infeasible && options.ExplainInfeasibility
            ? InfeasibilityExplainer.Explain(model, options.Solver)
            : [];
        return new SubsystemResult(model.Subsystem.Id, solution.Status, double.NaN, double.NaN, null, new Dictionary<string, IReadOnlyList<double>>(),
            [], [], [], solution.Solver, double.NaN, buildTime, solution.SolveTime, findings, solution.Message) { Warnings = model.Warnings };
    }

    private static PricedSubsystemSolve Priced(SubsystemResult result, LpSolution solution, double[] add, long iterations, bool warm)
    {
        if (!solution.HasValues) return new PricedSubsystemSolve(result, double.NaN, double.NaN, iterations, warm);
        var term = 0.0;
        for (var j = 0; j < add.Length; j++)
        {
            if (add[j] != 0) term += add[j] * solution.Values[j]; // only draws are priced, and only they (of the priced columns) are read
        }
        return new PricedSubsystemSolve(result with { ModelObjective = solution.Objective - term }, term, solution.Objective, iterations, warm);
    }

    /// <summary>λ[p][i]·Δt per variable: on every conversion's draw of p at step i.</summary>
    private static double[] PriceCoefficients(SubsystemModel model, IReadOnlyDictionary<string, IReadOnlyList<double>> price)
    {
        var add = new double[model.Program.VariableCount];
        var dt = model.District.StepHours;
        var supplies = model.Subsystem.Supplies;
        for (var s = 0; s < supplies.Count; s++)
        {
            for (var c = 0; c < supplies[s].Conversions.Count; c++)
            {
                if (!price.TryGetValue(supplies[s].Conversions[c].Resource, out var perKwh)) continue;
                var columns = model.DrawKw[s][c];
                for (var i = 0; i < columns.Length; i++) add[columns[i]] += perKwh[i] * dt;
            }
        }

        return add;
    }

    /// <summary>The draw variables of resource p at each step (eq. 25), [step][k].</summary>
    private static int[][] DrawColumns(SubsystemModel model, string resource)
    {
        var columns = new List<int>[model.Steps];
        for (var i = 0; i < columns.Length; i++) columns[i] = [];
        var supplies = model.Subsystem.Supplies;
        for (var s = 0; s < supplies.Count; s++)
        {
            for (var c = 0; c < supplies[s].Conversions.Count; c++)
            {
                if (supplies[s].Conversions[c].Resource != resource) continue;
                for (var i = 0; i < columns.Length; i++) columns[i].Add(model.DrawKw[s][c][i]);
            }
        }

        return columns.Select(c => c.ToArray()).ToArray();
    }

    /// <summary>The export variables of resource p at each step, [step][k].</summary>
    private static int[][] ExportColumns(SubsystemModel model, string resource)
    {
        var columns = new List<int>[model.Steps];
        for (var i = 0; i < columns.Length; i++) columns[i] = [];
        var exports = model.Subsystem.Exports;
        for (var x = 0; x < exports.Count; x++)
        {
            if (exports[x].Resource != resource) continue;
            for (var i = 0; i < columns.Length; i++) columns[i].Add(model.ExportKw[x][i]);
        }

        return columns.Select(c => c.ToArray()).ToArray();
    }

    private static bool SameStructure(LinearProgram a, LinearProgram b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.VariableCount != b.VariableCount || a.RowCount != b.RowCount || a.NonZeroCount != b.NonZeroCount || a.HasIntegers != b.HasIntegers) return false;
        for (var r = 0; r < a.RowCount; r++)
        {
            if (!a.RowColumns(r).SequenceEqual(b.RowColumns(r))) return false;
        }

        return true;
    }

    /// <summary>Whether the rows this session added still sum the same draw (and export) variables in the new model.</summary>
    private bool SameAddedColumns(SubsystemModel model)
    {
        foreach (var (resource, columns) in _addedColumns)
        {
            if (!Same(DrawColumns(model, resource), columns)) return false;
        }

        foreach (var (resource, columns) in _addedExportColumns)
        {
            if (!Same(ExportColumns(model, resource), columns)) return false;
        }

        return true;

        static bool Same(int[][] now, int[][] columns)
        {
            if (now.Length != columns.Length) return false;
            for (var i = 0; i < now.Length; i++)
            {
                if (!now[i].AsSpan().SequenceEqual(columns[i])) return false;
            }

            return true;
        }
    }

    private void Load(LinearProgram program, MpcOptions options)
    {
        Unload();
        _lp = LpSession.Open(program, options.Solver);
        _loadedOptions = options;
        ColdLoads++;
        var n = program.VariableCount;
        _lower = new double[n];
        _upper = new double[n];
        _objective = new double[n];
        for (var j = 0; j < n; j++)
        {
            _lower[j] = program.Lower(j);
            _upper[j] = program.Upper(j);
            _objective[j] = program.ObjectiveCoefficient(j);
        }

        _offset = program.ObjectiveOffset;
        _rowLower = new double[program.RowCount];
        _rowUpper = new double[program.RowCount];
        for (var r = 0; r < program.RowCount; r++)
        {
            _rowLower[r] = program.RowLower(r);
            _rowUpper[r] = program.RowUpper(r);
        }
    }

    private void Unload()
    {
        _lp?.Dispose();
        _lp = null;
        _readModel = null;
        _rowResourceProgram = null;
        _loaded = null;
        _loadedOptions = null;
        _addedRows.Clear();
        _addedColumns.Clear();
        _addedExportRows.Clear();
        _addedExportColumns.Clear();
    }

    /// <summary>
    /// Writes into the loaded model what differs from <paramref name="model"/>'s program with the tightened Pmax and the
    /// price coefficients applied; returns how many bounds and coefficients were written.
    /// </summary>
    private int Apply(
        SubsystemModel model, bool matrix, IReadOnlyDictionary<string, IReadOnlyList<double>>? tightened, double[]? price,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? exportCaps)
    {
        var lp = _lp!;
        var program = model.Program;
        var changes = 0;
        for (var j = 0; j < program.VariableCount; j++)
        {
            var (lower, upper) = (program.Lower(j), program.Upper(j));
            if (lower != _lower[j] || upper != _upper[j])
            {
                lp.SetVariableBounds(j, lower, upper);
                (_lower[j], _upper[j]) = (lower, upper);
                changes++;
            }

            var c = program.ObjectiveCoefficient(j) + (price is null ? 0 : price[j]);
            if (c != _objective[j])
            {
                lp.SetObjectiveCoefficient(j, c);
                _objective[j] = c;
                changes++;
            }
        }

        if (program.ObjectiveOffset != _offset)
        {
            lp.SetObjectiveOffset(program.ObjectiveOffset);
            _offset = program.ObjectiveOffset;
            changes++;
        }

        if (matrix)
        {
            for (var r = 0; r < program.RowCount; r++)
            {
                var values = program.RowValues(r);
                var old = _loaded!.RowValues(r);
                if (values.SequenceEqual(old)) continue;
                var columns = program.RowColumns(r);
                for (var k = 0; k < values.Length; k++)
                {
                    if (values[k] == old[k]) continue;
                    lp.SetCoefficient(r, columns[k], values[k]);
                    changes++;
                }
            }
        }

        var resources = ResourceRows(program);
        var exportRows = _rowExport;
        for (var r = 0; r < program.RowCount; r++)
        {
            var (lower, upper) = (program.RowLower(r), program.RowUpper(r));
            if (tightened is not null && resources[r] is { } p && tightened.TryGetValue(p, out var max)) upper = max[program.RowStep(r)];
            else if (exportCaps is not null && exportRows[r] is { } q && exportCaps.TryGetValue(q, out var cap)) upper = cap[program.RowStep(r)];
            if (lower != _rowLower[r] || upper != _rowUpper[r])
            {
                lp.SetRowBounds(r, lower, upper);
                (_rowLower[r], _rowUpper[r]) = (lower, upper);
                changes++;
            }
        }

        // Resources without limits of their own: rows of the session's, 0 ≤ Psub ≤ max when tightened, free otherwise.
        if (tightened is not null)
        {
            foreach (var (p, _) in tightened)
            {
                if (_addedRows.ContainsKey(p) || resources.Contains(p)) continue;
                var columns = DrawColumns(model, p);
                _addedRows[p] = AddFreeSumRows(lp, columns);
                _addedColumns[p] = columns;
                changes += columns.Length;
            }
        }

        foreach (var (p, rows) in _addedRows)
        {
            var max = tightened is not null && tightened.TryGetValue(p, out var m) ? m : null;
            for (var i = 0; i < rows.Length; i++)
            {
                var (lower, upper) = max is null ? (double.NegativeInfinity, double.PositiveInfinity) : (0.0, max[i]);
                if (lower == _rowLower[rows[i]] && upper == _rowUpper[rows[i]]) continue;
                lp.SetRowBounds(rows[i], lower, upper);
                (_rowLower[rows[i]], _rowUpper[rows[i]]) = (lower, upper);
                changes++;
            }
        }

        // Export caps on resources the model has no cap row for: rows of the session's, Σ e[p] ≤ cap when capped, free otherwise.
        if (exportCaps is not null)
        {
            var exported = model.Subsystem.ExportedResources;
            foreach (var (q, _) in exportCaps)
            {
                if (_addedExportRows.ContainsKey(q) || exportRows.Contains(q) || !exported.Contains(q, StringComparer.Ordinal)) continue;
                var columns = ExportColumns(model, q);
                _addedExportRows[q] = AddFreeSumRows(lp, columns);
                _addedExportColumns[q] = columns;
                changes += columns.Length;
            }
        }

        foreach (var (q, rows) in _addedExportRows)
        {
            var cap = exportCaps is not null && exportCaps.TryGetValue(q, out var c) ? c : null;
            for (var i = 0; i < rows.Length; i++)
            {
                var upper = cap is null ? double.PositiveInfinity : cap[i];
                if (_rowLower[rows[i]] == double.NegativeInfinity && upper == _rowUpper[rows[i]]) continue;
                lp.SetRowBounds(rows[i], double.NegativeInfinity, upper);
                (_rowLower[rows[i]], _rowUpper[rows[i]]) = (double.NegativeInfinity, upper);
                changes++;
            }
        }

        return changes;
    }

    /// <summary>One free row per step summing that step's <paramref name="columns"/>, bounds tracked as free; their indices.</summary>
    private int[] AddFreeSumRows(LpSession lp, int[][] columns)
    {
        var rows = new int[columns.Length];
        for (var i = 0; i < rows.Length; i++) rows[i] = lp.AddRow(double.NegativeInfinity, double.PositiveInfinity, columns[i].Select(j => (j, 1.0)).ToArray());
        Array.Resize(ref _rowLower, lp.RowCount);
        Array.Resize(ref _rowUpper, lp.RowCount);
        foreach (var row in rows) (_rowLower[row], _rowUpper[row]) = (double.NegativeInfinity, double.PositiveInfinity);
        return rows;
    }

    /// <summary>
    /// The resource of each eq. 5 row (Pmin ≤ Σ v^sup[p] ≤ Pmax), null for every other row; kept while the program is the
    /// same. Fills <see cref="_rowExport"/> alike: the resource of each export-cap row (Σ e[p] ≤ cap), null elsewhere.
    /// </summary>
    private string?[] ResourceRows(LinearProgram program)
    {
        if (ReferenceEquals(program, _rowResourceProgram)) return _rowResource;
        _rowResourceProgram = program;
        if (_rowResource.Length != program.RowCount) _rowResource = new string?[program.RowCount];
        if (_rowExport.Length != program.RowCount) _rowExport = new string?[program.RowCount];
        Subject? last = null;
        string? resource = null;
        string? export = null;
        for (var r = 0; r < program.RowCount; r++)
        {
            var subject = program.RowSubject(r);
            if (!ReferenceEquals(subject, last))
            {
                last = subject;
                var limits = subject.Family == ConstraintFamily.ResourceLimits;
                resource = limits && subject.Name.EndsWith(DrawSuffix, StringComparison.Ordinal) ? subject.Name[..^DrawSuffix.Length] : null;
                export = limits && subject.Name.EndsWith(ExportSuffix, StringComparison.Ordinal) ? subject.Name[..^ExportSuffix.Length] : null;
            }

            _rowResource[r] = resource;
            _rowExport[r] = export;
        }

        return _rowResource;
    }

    private const string DrawSuffix = "DrawKw";

    private const string ExportSuffix = "ExportKw";
}

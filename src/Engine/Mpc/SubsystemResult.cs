using Sems.Engine.Optimisation;

namespace Sems.Engine.Mpc;

/// <summary>The solved MPC problem of one subsystem: what a subsystem reports to the coordinator and to users.</summary>
/// <param name="Objective">J (eq. 23) evaluated exactly at the solution; NaN without a solution.</param>
/// <param name="ModelObjective">The solver's objective (with the piecewise-linear ε² model); ≥ Objective up to the approximation error.</param>
/// <param name="DrawKw">Psub per resource and step, kW (eq. 25): the import, what the subsystem's supplies draw.</param>
/// <param name="RelativeGap">MILP gap at stop; 0 for an LP.</param>
/// <param name="Infeasibility">What had to give, when the problem is infeasible (empty otherwise).</param>
/// <param name="Message">A solver failure in words, when status is error.</param>
public sealed record SubsystemResult(
    string Id,
    SolveStatus Status,
    double Objective,
    double ModelObjective,
    ObjectiveTerms? Terms,
    IReadOnlyDictionary<string, IReadOnlyList<double>> DrawKw,
    IReadOnlyList<SupplyTrajectory> Supplies,
    IReadOnlyList<StoreTrajectory> Stores,
    IReadOnlyList<DemandTrajectory> Demands,
    string Solver,
    double RelativeGap,
    TimeSpan BuildTime,
    TimeSpan SolveTime,
    IReadOnlyList<InfeasibilityFinding> Infeasibility,
    string? Message)
{
    /// <summary>The largest band slack ε of any output at any step i = 0…N (0 without state-space demands).</summary>
    public double MaxSlack { get; init; }

    /// <summary>
    /// True when some ε exceeds the range over which the piecewise-linear ε² over-estimates (beyond it the model
    /// under-prices the slack): the comfort term was not priced as the paper's quadratic.
    /// </summary>
    public bool SlackBeyondRange { get; init; }

    /// <summary>What the model builder found doubtful about the subsystem, in words (e.g. a lossy store that can burn energy).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Per resource some export feeds, Σ of its exports per step, kW: what the subsystem feeds back into that grid.
    /// Empty when it exports nothing.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> ExportKw { get; init; } = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);

    /// <summary>Per export id (the file's <c>exports</c>), its power fed back per step, kW.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Exports { get; init; } = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);

    /// <summary>
    /// Per resource drawn or exported, the net draw import − export per step, kW: what the subsystem takes from the grid
    /// (negative where it feeds back more than it draws). <see cref="DrawKw"/> itself when nothing is exported.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> NetDrawKw => Net(DrawKw, ExportKw);

    public bool HasPlan => Status is SolveStatus.Optimal or SolveStatus.Feasible;

    /// <summary>import − export per resource and step, kW; <paramref name="importKw"/> itself when <paramref name="exportKw"/> is empty.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Net(
        IReadOnlyDictionary<string, IReadOnlyList<double>> importKw, IReadOnlyDictionary<string, IReadOnlyList<double>> exportKw)
    {
        ArgumentNullException.ThrowIfNull(importKw);
        ArgumentNullException.ThrowIfNull(exportKw);
        if (exportKw.Count == 0) return importKw;
        var net = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var resource in importKw.Keys.Concat(exportKw.Keys).Distinct(StringComparer.Ordinal))
        {
            importKw.TryGetValue(resource, out var import);
            exportKw.TryGetValue(resource, out var export);
            var steps = Math.Max(import?.Count ?? 0, export?.Count ?? 0);
            var values = new double[steps];
            for (var i = 0; i < steps; i++) values[i] = (import is not null && i < import.Count ? import[i] : 0) - (export is not null && i < export.Count ? export[i] : 0);
            net[resource] = values;
        }

        return net;
    }
}

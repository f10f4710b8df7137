using Sems.Engine.Optimisation;

namespace Sems.Engine.Mpc;

/// <summary>The solved MPC problem of one subsystem: what a subsystem reports to the coordinator and to users.</summary>
/// <param name="Objective">J (eq. 23) evaluated exactly at the solution; NaN without a solution.</param>
/// <param name="ModelObjective">The solver's objective (with the piecewise-linear ε² model); ≥ Objective up to the approximation error.</param>
/// <param name="DrawKw">Psub per resource and step, kW (eq. 25).</param>
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

    public bool HasPlan => Status is SolveStatus.Optimal or SolveStatus.Feasible;
}

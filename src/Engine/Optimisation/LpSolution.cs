namespace Sems.Engine.Optimisation;

/// <summary>What a solver returned for a <see cref="LinearProgram"/>: values are present when status is optimal or feasible.</summary>
/// <param name="BestBound">For a MILP, the solver's proven bound on the objective; equals the objective for an LP.</param>
/// <param name="RelativeGap">|objective − bound| / max(|objective|, 1e-9); 0 for an LP solved to optimality.</param>
/// <param name="Message">Why the solver failed, when status is error.</param>
public sealed record LpSolution(
    SolveStatus Status,
    double Objective,
    double BestBound,
    double RelativeGap,
    IReadOnlyList<double> Values,
    string Solver,
    TimeSpan SolveTime,
    string? Message = null)
{
    /// <summary>
    /// The dual of each row, ∂objective/∂(the row's binding bound), in the row order of the program; empty unless the
    /// solve was asked for duals (<see cref="LpSession"/>) and the problem is a continuous LP solved to optimality.
    /// </summary>
    public IReadOnlyList<double> RowDuals { get; init; } = [];

    /// <summary>The reduced cost of each variable (objective coefficient minus the duals' pricing); empty like <see cref="RowDuals"/>.</summary>
    public IReadOnlyList<double> ReducedCosts { get; init; } = [];

    public bool HasValues => Status is SolveStatus.Optimal or SolveStatus.Feasible && Values.Count > 0;
}

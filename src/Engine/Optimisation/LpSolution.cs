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
    public bool HasValues => Status is SolveStatus.Optimal or SolveStatus.Feasible && Values.Count > 0;
}

namespace Sems.Engine.Optimisation;

/// <summary>Outcome of a solve, in the words of the district-format contract.</summary>
public enum SolveStatus
{
    Optimal,
    Feasible,
    Infeasible,
    Unbounded,
    Error,
}

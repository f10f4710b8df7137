namespace Sems.Engine.Optimisation;

/// <summary>How a <see cref="LinearProgram"/> is solved.</summary>
/// <param name="LpSolver">OR-Tools backend for continuous problems (GLOP, PDLP, CLP).</param>
/// <param name="MipSolver">OR-Tools backend for mixed-integer problems (SCIP, CBC, HIGHS).</param>
/// <param name="TimeLimit">Wall-clock limit of one solve; a MILP stopped by it reports the best solution found as feasible.</param>
/// <param name="RelativeGap">A MILP stops when (incumbent − bound)/|incumbent| falls below this.</param>
public sealed record SolverSettings(string LpSolver, string MipSolver, TimeSpan TimeLimit, double RelativeGap)
{
    public static SolverSettings Default { get; } = new("GLOP", "SCIP", TimeSpan.FromSeconds(30), 1e-4);
}

namespace Sems.Engine.Optimisation;

/// <summary>How a <see cref="LinearProgram"/> is solved.</summary>
/// <param name="LpSolver">OR-Tools backend for continuous problems (GLOP, PDLP, CLP).</param>
/// <param name="MipSolver">OR-Tools backend for mixed-integer problems (SCIP, CBC, HIGHS).</param>
/// <param name="TimeLimit">Wall-clock limit of one solve; a MILP stopped by it reports the best solution found as feasible.</param>
/// <param name="RelativeGap">A MILP stops when (incumbent − bound)/|incumbent| falls below this.</param>
/// <param name="GlopParameters">GLOP parameters in protobuf text format. Dual simplex is the default: on the 96-step
/// heat-network LP it needs ~365 iterations and ~8 ms against ~1,400 and ~11 ms for primal simplex (see docs/benchmarks.md).</param>
public sealed record SolverSettings(string LpSolver, string MipSolver, TimeSpan TimeLimit, double RelativeGap, string GlopParameters = SolverSettings.DualSimplex)
{
    public const string DualSimplex = "use_dual_simplex:true";

    public static SolverSettings Default { get; } = new("GLOP", "SCIP", TimeSpan.FromSeconds(30), 1e-4);
}

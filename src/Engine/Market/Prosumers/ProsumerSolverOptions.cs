using Sems.Engine.Optimisation;

namespace Sems.Engine.Market;

/// <summary>How <see cref="ProsumerSolver"/> solves.</summary>
/// <param name="Solver">The OR-Tools backends and limits (GLOP for the relaxation, SCIP for the MILP).</param>
/// <param name="RelaxationFirst">Solve the LP relaxation first and keep its answer when it is integral-feasible; false always solves the MILP with SCIP.</param>
/// <param name="NodeLimit">The most relaxations the branch and bound solves after a fractional relaxation before it leaves the MILP to SCIP; 0 = straight to SCIP.</param>
public sealed record ProsumerSolverOptions(SolverSettings Solver, bool RelaxationFirst = true, int NodeLimit = 400)
{
    /// <summary>GLOP, its branch and bound up to 400 nodes, then SCIP; 10 s per solve, a MILP gap of 1e-9 (the optimum, for models of this size).</summary>
    public static ProsumerSolverOptions Default { get; } = new(SolverSettings.Default with { TimeLimit = TimeSpan.FromSeconds(10), RelativeGap = 1e-9 });
}

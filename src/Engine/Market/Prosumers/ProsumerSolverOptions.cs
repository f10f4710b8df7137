using Sems.Engine.Optimisation;

namespace Sems.Engine.Market;

/// <summary>How <see cref="ProsumerSolver"/> solves.</summary>
/// <param name="Solver">The OR-Tools backends and limits (GLOP for the relaxation, SCIP for the MILP).</param>
/// <param name="RelaxationFirst">Solve the LP relaxation first and keep its answer when it is integral-feasible; false always solves the MILP.</param>
public sealed record ProsumerSolverOptions(SolverSettings Solver, bool RelaxationFirst = true)
{
    /// <summary>GLOP then SCIP, 10 s per solve, a MILP gap of 1e-9 (the optimum, for models of this size).</summary>
    public static ProsumerSolverOptions Default { get; } = new(SolverSettings.Default with { TimeLimit = TimeSpan.FromSeconds(10), RelativeGap = 1e-9 });
}

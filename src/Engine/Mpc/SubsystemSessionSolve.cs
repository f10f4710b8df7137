namespace Sems.Engine.Mpc;

/// <summary>What one solve of a <see cref="SubsystemSession"/> returned.</summary>
/// <param name="Result">The same result <see cref="SubsystemSolver.Solve"/> returns for the same problem (read by <see cref="SubsystemSolver.Read"/>).</param>
/// <param name="Iterations">GLOP's simplex iterations in this solve (OR-Tools' <c>Solver.Iterations()</c>); 0 for a MILP, solved cold by SCIP and not counted.</param>
/// <param name="Warm">True when the solve started from the previous basis of the same loaded model; false for a cold load (first solve, a structure change, a MILP).</param>
/// <param name="Changes">Bounds, coefficients and objective terms written into the loaded model before this solve (every one for a cold load).</param>
public sealed record SubsystemSessionSolve(SubsystemResult Result, long Iterations, bool Warm, int Changes);

namespace Sems.Engine.Market;

/// <summary>Which solve answered a prosumer (see <see cref="ProsumerSolver"/>).</summary>
public enum ProsumerSolvePath
{
    /// <summary>No schedule: the problem is infeasible or the solver failed.</summary>
    None,

    /// <summary>The LP relaxation (GLOP) came out integral-feasible, so it is the MILP's optimum.</summary>
    Relaxation,

    /// <summary>The relaxation was fractional (or skipped): the MILP was solved with SCIP.</summary>
    Milp,
}

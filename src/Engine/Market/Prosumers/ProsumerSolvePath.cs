namespace Sems.Engine.Market;

/// <summary>Which solve answered a prosumer (see <see cref="ProsumerSolver"/>).</summary>
public enum ProsumerSolvePath
{
    /// <summary>No schedule: the problem is infeasible or the solver failed.</summary>
    None,

    /// <summary>The LP relaxation (GLOP) came out integral-feasible, so it is the MILP's optimum.</summary>
    Relaxation,

    /// <summary>The relaxation was fractional: the branch and bound over warm LP re-solves found the MILP's optimum.</summary>
    BranchAndBound,

    /// <summary>The MILP was solved with SCIP: the branch and bound gave up at its node limit, or the relaxation was skipped.</summary>
    Milp,
}

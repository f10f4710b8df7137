namespace Sems.Engine.Market;

/// <summary>How many prosumer solves in this process took each path of <see cref="ProsumerSolver"/>.</summary>
/// <param name="Relaxation">Answered by the integral-feasible LP relaxation alone.</param>
/// <param name="BranchAndBound">Answered by the branch and bound over the relaxation.</param>
/// <param name="Milp">Answered by SCIP: the branch and bound reached its node limit, or the relaxation was skipped.</param>
/// <param name="NoSchedule">Infeasible or failed.</param>
public sealed record ProsumerSolveCounts(long Relaxation, long BranchAndBound, long Milp, long NoSchedule)
{
    /// <summary>The relaxations solved by all the branch and bounds counted.</summary>
    public long BranchAndBoundNodes { get; init; }

    /// <summary>All solves counted.</summary>
    public long Total => Relaxation + BranchAndBound + Milp + NoSchedule;
}

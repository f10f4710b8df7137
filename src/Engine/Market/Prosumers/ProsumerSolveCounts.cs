namespace Sems.Engine.Market;

/// <summary>How many prosumer solves in this process took each path of <see cref="ProsumerSolver"/>.</summary>
/// <param name="Relaxation">Answered by the integral-feasible LP relaxation alone.</param>
/// <param name="Milp">Answered by the MILP (SCIP) after a fractional relaxation, or with the relaxation skipped.</param>
/// <param name="NoSchedule">Infeasible or failed.</param>
public sealed record ProsumerSolveCounts(long Relaxation, long Milp, long NoSchedule)
{
    /// <summary>All solves counted.</summary>
    public long Total => Relaxation + Milp + NoSchedule;
}

using Sems.Engine.Coordination;
using Sems.Engine.Model;
using Sems.Engine.Reporting;

namespace Sems.Silo.Cli;

/// <summary>
/// The centralised reference of <c>sems coordinate --reference</c>: one joint problem under every node's limit
/// (<see cref="CentralisedPlanner.Reference"/>), its objective Σ J (eq. 23 at the joint solution, as the coordinated
/// plans' objectives are reported) and the gap of the coordinated plans to it.
/// </summary>
/// <param name="Status">The joint solve's status name (optimal, feasible, infeasible, …).</param>
/// <param name="Objective">Σ_ℓ J_ℓ of the joint solution, objective units; NaN without one.</param>
/// <param name="CoordinatedObjective">Σ_ℓ J_ℓ of the coordinated plans, objective units.</param>
/// <param name="SolveMs">Wall time of the joint solve.</param>
internal sealed record ReferenceRun(string Status, double Objective, double CoordinatedObjective, double SolveMs, bool LimitsHold)
{
    /// <summary>(coordinated − reference) / |reference| in percent; null when either is missing or the reference is 0.</summary>
    public double? GapPercent => double.IsFinite(Objective) && double.IsFinite(CoordinatedObjective) && Math.Abs(Objective) > 1e-12
        ? (CoordinatedObjective - Objective) / Math.Abs(Objective) * 100
        : null;

    public static ReferenceRun Solve(District district, double coordinatedObjective)
    {
        var result = CentralisedPlanner.Reference(district);
        var objective = result.HasPlans ? result.Plans.Sum(p => p.Objective) : double.NaN;
        return new ReferenceRun(ResultJson.StatusName(result.Status), objective, coordinatedObjective, result.SolveTime.TotalMilliseconds, result.LimitsHold);
    }
}

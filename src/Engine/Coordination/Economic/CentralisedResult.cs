using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Coordination.Economic;

/// <summary>The centralised reference: one joint problem of every subsystem under every node's limit.</summary>
/// <param name="Status">The joint solve's status (a MILP when any subsystem has integers).</param>
/// <param name="Plans">Each subsystem's plan read from the joint solution, in district order; empty without a solution.</param>
/// <param name="ObjectiveTotal">The joint objective Σ_ℓ J_ℓ as the solver minimised it (eq. 23 with the piecewise ε² model); NaN without a solution.</param>
/// <param name="BestBound">For a MILP the solver's proven lower bound on <see cref="ObjectiveTotal"/>; equal to it for an LP.</param>
/// <param name="SolveTime">The joint solve's wall-clock time.</param>
/// <param name="Limits">The limits held (<see cref="LimitTree.Of"/> of the district's grid).</param>
/// <param name="Loads">Per node and limited resource, the plans' summed net draw against the limit (<see cref="NodeLoads"/>).</param>
public sealed record CentralisedResult(
    SolveStatus Status,
    IReadOnlyList<SubsystemResult> Plans,
    double ObjectiveTotal,
    double BestBound,
    TimeSpan SolveTime,
    LimitTree Limits,
    IReadOnlyList<NodeLoad> Loads)
{
    public bool HasPlans => Status is SolveStatus.Optimal or SolveStatus.Feasible && Plans.Count > 0;

    /// <summary>Per node and resource whose export it limits, what the subtree feeds back against the export limit (<see cref="NodeLoads.ComputeExports"/>); empty without export limits.</summary>
    public IReadOnlyList<NodeLoad> ExportLoads { get; init; } = [];

    /// <summary>True when every node's limits hold for the plans, import and export (checked from their draws and exports).</summary>
    public bool LimitsHold => HasPlans && NodeLoads.Hold(Loads) && NodeLoads.Hold(ExportLoads);
}

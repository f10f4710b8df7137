namespace Sems.Contracts;

/// <summary>
/// One node of a district's coordination hierarchy (key "district/node"; a node with more subsystems than the fan-out
/// is split into groups "district/node~k"): fans a cycle's plan and commit calls out to its own subsystems, with a
/// bounded number of calls in flight, and to its child nodes in parallel, and answers with compact per-subsystem
/// arrays and its subtree's summed draw. It calls only downwards (its children and subsystems, never a parent), so the
/// hierarchy has no call cycles. It keeps no state: every call carries the layout of the subtree it covers.
/// </summary>
[Alias("sems.INodeCoordinatorGrain")]
public interface INodeCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Plans every subsystem of <paramref name="layout"/>'s subtree (<see cref="ISubsystemGrain.Plan"/>), each within the call's deadline.</summary>
    [Alias("Plan")]
    Task<NodePlanBatch> Plan(NodeLayout layout, NodePlanCall call);

    /// <summary>Commits step 0 of every subsystem of the subtree (<see cref="ISubsystemGrain.CommitFirstStep"/>); returns the set-points committed from plans.</summary>
    [Alias("Commit")]
    Task<int> Commit(NodeLayout layout, NodePlanCall call);
}

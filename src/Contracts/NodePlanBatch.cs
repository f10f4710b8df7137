namespace Sems.Contracts;

/// <summary>What a node coordinator answers for its subtree: every subsystem's plan as arrays, and the subtree's summed draw per node.</summary>
/// <param name="Plans">One per subsystem of the subtree.</param>
/// <param name="Nodes">Per node (and group) of the subtree, its own included: the summed planned draw of the subsystems below it.</param>
[GenerateSerializer, Immutable, Alias("sems.NodePlanBatch")]
public sealed record NodePlanBatch(
    [property: Id(0)] SubsystemPlanDigest[] Plans,
    [property: Id(1)] NodeDraw[] Nodes);

namespace Sems.Contracts;

/// <summary>One cycle's call down the hierarchy.</summary>
/// <param name="Version">The definition version the cycle plans with.</param>
/// <param name="Deadline">Wall time every subsystem call must answer within, from when the node receives the call.</param>
/// <param name="Resources">The resources whose draws the answer carries, in this order (index into <see cref="SubsystemPlanDigest.DrawKw"/>).</param>
/// <param name="MaxCallsInFlight">The most subsystem calls one node has outstanding at once.</param>
[GenerateSerializer, Immutable, Alias("sems.NodePlanCall")]
public sealed record NodePlanCall(
    [property: Id(0)] int Cycle,
    [property: Id(1)] int Version,
    [property: Id(2)] TimeSpan Deadline,
    [property: Id(3)] string[] Resources,
    [property: Id(4)] int MaxCallsInFlight);

namespace Sems.Grains.Tests;

/// <summary>
/// One silo configured for live operation: subsystem calls have a 5 s wall-time deadline (a blocked subsystem times out
/// within a test) and infeasibility is explained after the subsystem answered, off the cycle's critical path.
/// </summary>
public sealed class LiveCluster() : ClusterFixture(1)
{
    protected override TimeSpan? CallTimeout => TimeSpan.FromSeconds(5);

    protected override bool ExplainInfeasibilityInCycle => false;
}

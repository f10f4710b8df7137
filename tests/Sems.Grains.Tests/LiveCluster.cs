namespace Sems.Grains.Tests;

/// <summary>One silo whose subsystem calls have a 5 s wall-time deadline, so a blocked subsystem times out within a test.</summary>
public sealed class LiveCluster() : ClusterFixture(1)
{
    protected override TimeSpan? CallTimeout => TimeSpan.FromSeconds(5);
}

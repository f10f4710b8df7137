namespace Sems.Grains.Tests;

public sealed class TwoSiloCluster() : ClusterFixture(2);

namespace Sems.Grains.Tests;

public sealed class OneSiloCluster() : ClusterFixture(1);

namespace Sems.Gateway.Tests.Rest;

/// <summary>The REST tests that never move the fake clock share one silo and gateway (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class RestCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "rest";
}

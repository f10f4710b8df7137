namespace Sems.Operation.Tests;

/// <summary>The live-operation tests run one at a time: they start several processes and one restarts PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class OperationCollection
{
    public const string Name = "operation";
}

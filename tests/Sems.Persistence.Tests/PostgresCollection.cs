namespace Sems.Persistence.Tests;

/// <summary>Every class that uses the test PostgreSQL runs in this collection, one at a time: one test stops and restarts the server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection
{
    public const string Name = "postgres";
}

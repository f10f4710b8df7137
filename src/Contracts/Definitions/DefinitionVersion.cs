namespace Sems.Contracts.Definitions;

/// <summary>A version of a district definition: a counter that grows with each accepted change and the file's content hash.</summary>
[GenerateSerializer, Immutable, Alias("sems.DefinitionVersion")]
public sealed record DefinitionVersion([property: Id(0)] int Number, [property: Id(1)] string Hash)
{
    public override string ToString() => $"v{Number} ({Hash})";
}

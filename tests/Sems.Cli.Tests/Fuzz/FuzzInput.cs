namespace Sems.Cli.Tests.Fuzz;

/// <summary>One mutated input file: the bytes to write and a description of the mutations that made them.</summary>
/// <param name="Mutation">Mutation class first (e.g. "type-swap"), then where and what, then any stacked mutation after " + ".</param>
/// <param name="Bytes">The file's exact bytes.</param>
public sealed record FuzzInput(string Mutation, byte[] Bytes)
{
    /// <summary>The class of the first mutation, the part before the first space.</summary>
    public string MutationClass => Mutation.Split(' ', 2)[0];
}

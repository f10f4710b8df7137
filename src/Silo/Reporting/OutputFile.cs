namespace Sems.Silo.Reporting;

/// <summary>One file of a set written by <see cref="AtomicFolder"/>: its path under the folder, one name per level, and its content.</summary>
public sealed record OutputFile(IReadOnlyList<string> Names, Func<byte[]> Content);

namespace Sems.Bench.Gateway;

/// <summary>A bad option, a server that does not start, a missing tool: the bench stops with this message and exit code 2.</summary>
public sealed class BenchException(string message) : Exception(message);

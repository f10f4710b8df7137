using Sems.Engine.Districts;

namespace Sems.Adapters.Kafka;

/// <summary>A message read from the wire: the message when it is valid, or the problems that refuse it (never both).</summary>
/// <param name="Message">The message; null when it is invalid.</param>
/// <param name="Problems">Every problem found, each with the path, the value and the rule; empty when valid.</param>
public sealed record MessageRead<T>(T? Message, IReadOnlyList<ValidationProblem> Problems)
    where T : class
{
    /// <summary>The problems on one line, for a log.</summary>
    public string Describe() => string.Join("; ", Problems.Select(p => p.ToString()));
}

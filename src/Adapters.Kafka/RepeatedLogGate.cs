namespace Sems.Adapters.Kafka;

/// <summary>
/// Lets a librdkafka log or error line through the first time and then at most once per <see cref="Interval"/> while
/// it repeats (an unreachable broker reports the same refused connection many times a second); the line that passes
/// after a quiet spell says how many were held back.
/// </summary>
internal sealed class RepeatedLogGate(TimeProvider clock)
{
    /// <summary>How long an identical line is held back after it was logged.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (DateTimeOffset LoggedAt, int Held)> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The text to log for <paramref name="line"/>, or null to hold it back.</summary>
    public string? Pass(string line)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_seen.TryGetValue(line, out var entry) && now - entry.LoggedAt < Interval)
            {
                _seen[line] = (entry.LoggedAt, entry.Held + 1);
                return null;
            }

            _seen[line] = (now, 0);
            return entry.Held > 0 ? $"{line} (and {entry.Held} more like it in the last {(now - entry.LoggedAt).TotalSeconds:0} s)" : line;
        }
    }
}

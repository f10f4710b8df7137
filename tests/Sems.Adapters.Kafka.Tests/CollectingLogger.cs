using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>Keeps every formatted log line, to assert what the adapter said.</summary>
internal sealed class CollectingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public bool Said(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Said(text))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"nothing logged \"{text}\" within {timeout}; logged:\n{string.Join('\n', Lines)}");
            await Task.Delay(50);
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}

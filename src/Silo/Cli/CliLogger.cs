using Microsoft.Extensions.Logging;

namespace Sems.Silo.Cli;

/// <summary>
/// Log lines for a command's stderr, written at once (no background queue, so nothing is lost when the command ends):
/// <c>sems market coordinator: warning: …</c>.
/// </summary>
internal sealed class CliLogger(TextWriter stderr, string source, LogLevel minimum = LogLevel.Information) : ILogger
{
    private readonly Lock _gate = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel)) return;
        var level = logLevel switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warning",
            LogLevel.Error => "error",
            _ => "critical",
        };
        var text = formatter(state, exception);
        if (exception is not null) text += $" ({exception.GetType().Name}: {exception.Message})";
        lock (_gate)
        {
            stderr.WriteLine($"{source}: {level}: {text}");
            stderr.Flush();
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Sems.Silo.Hosting;

/// <summary>Console logging that never touches stdout, so `--json` output stays clean.</summary>
public static class LoggingExtensions
{
    public static ILoggingBuilder AddSimpleConsoleToStandardError(this ILoggingBuilder logging, LogLevel minimum)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.SetMinimumLevel(minimum);
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging;
    }
}

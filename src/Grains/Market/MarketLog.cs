using Microsoft.Extensions.Logging;

namespace Sems.Grains.Market;

/// <summary>Source-generated log messages of the market grains.</summary>
internal static partial class MarketLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Community {Community}: configured {Prosumers} prosumers on {Nodes} grid nodes")]
    public static partial void Configured(ILogger logger, string community, int prosumers, int nodes);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Community {Community}: market run of {Iterations} iterations, converged {Converged}: {StopReason}")]
    public static partial void Ran(ILogger logger, string community, int iterations, bool converged, string stopReason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Community {Community}: the DSO's limits could not be read ({Reason}); the run uses the file's node limits")]
    public static partial void LimitsUnavailable(ILogger logger, string community, string reason);
}

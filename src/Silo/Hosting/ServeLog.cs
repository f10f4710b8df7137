using System.Net;
using Microsoft.Extensions.Logging;

namespace Sems.Silo.Hosting;

/// <summary>Log messages of <c>sems serve</c>.</summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Listening: silo endpoint {SiloEndpoint}, gateway endpoint {GatewayEndpoint} (unauthenticated; loopback unless configured otherwise)")]
    public static partial void Listening(ILogger logger, IPEndPoint siloEndpoint, IPEndPoint gatewayEndpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The Orleans endpoints listen on the non-loopback address {Address} without authentication: anyone who reaches it can call every grain")]
    public static partial void Unauthenticated(ILogger logger, IPAddress address);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "SEMS clock: starts at {Start:o} and runs {Scale}× real time; Orleans runs on real time")]
    public static partial void Clock(ILogger logger, DateTimeOffset start, double scale);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Coordinator {District} did not answer its keep-alive call: {Reason}")]
    public static partial void CoordinatorUnreachable(ILogger logger, string district, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "sems.v1 API listening: {Addresses} (gRPC on the first, REST, dashboard, /metrics and /healthz on the second)")]
    public static partial void Api(ILogger logger, string addresses);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "--insecure-dev: the API on {Address} takes every call without credentials, as principal \"insecure-dev\" with every scope on every district; never use this outside a developer's machine")]
    public static partial void InsecureDev(ILogger logger, string address);
}

using Microsoft.Extensions.Logging;

namespace Sems.Adapters.Kafka;

/// <summary>The adapter's log messages (source-generated).</summary>
internal static partial class MarketLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Run {RunId} of market {Market}: iteration {Iteration} prices sent to {Count} prosumers on {Topic}; {Waiting}")]
    public static partial void PricesSent(ILogger logger, string runId, string market, int iteration, int count, string topic, string waiting);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Ignored an invalid message on {Topic} (partition {Partition}, offset {Offset}, key {Key}): {Problems}")]
    public static partial void InvalidMessage(ILogger logger, string topic, int partition, long offset, string key, string problems);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Ignored a stale schedule of {ProsumerId} (run {RunId}, iteration {Iteration}): {Reason}")]
    public static partial void StaleSchedule(ILogger logger, string prosumerId, string runId, int iteration, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "No answer within {TimeoutSeconds} s from {Missing} in iteration {Iteration}: settling it without them")]
    public static partial void SettlingWithout(ILogger logger, string timeoutSeconds, string missing, int iteration);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Waiting for {Missing} in iteration {Iteration} ({ElapsedSeconds} s so far; on-missing: wait)")]
    public static partial void StillWaiting(ILogger logger, string missing, int iteration, string elapsedSeconds);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Iteration {Iteration}: {Answered} of {Asked} prosumers answered in {ElapsedSeconds} s")]
    public static partial void IterationCollected(ILogger logger, int iteration, int answered, int asked, string elapsedSeconds);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Settlement of run {RunId} published on {Topic}")]
    public static partial void SettlementPublished(ILogger logger, string runId, string topic);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Kafka {Client}: {Reason}")]
    public static partial void KafkaError(ILogger logger, string client, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "librdkafka {Client} [{Facility}]: {Text}")]
    public static partial void KafkaLog(ILogger logger, string client, string facility, string text);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Topic {Topic} was missing: created it with {Partitions} partitions")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Prosumer {ProsumerId} of market {Market} listening on {PricesTopic} and {SettlementsTopic}")]
    public static partial void ProsumerListening(ILogger logger, string prosumerId, string market, string pricesTopic, string settlementsTopic);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Answered iteration {Iteration} of run {RunId}: {Summary}")]
    public static partial void Answered(ILogger logger, int iteration, string runId, string summary);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Ignored prices of run {RunId}, iteration {Iteration}: {Reason}")]
    public static partial void StalePrices(ILogger logger, string runId, int iteration, string reason);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Settlement of run {RunId} received")]
    public static partial void SettlementReceived(ILogger logger, string runId);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "No prices nor settlement for {ProsumerId} within {IdleSeconds} s: stopping")]
    public static partial void Idle(ILogger logger, string prosumerId, string idleSeconds);
}

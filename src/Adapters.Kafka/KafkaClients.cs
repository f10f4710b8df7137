using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace Sems.Adapters.Kafka;

/// <summary>The adapter's Kafka clients: configuration, topics made sure of, partitions assigned explicitly (no consumer-group rebalances).</summary>
internal static class KafkaClients
{
    /// <summary>The Kafka header that names a message's schema (the same text as its <c>schema</c> field).</summary>
    public const string SchemaHeader = "schema";

    public static IAdminClient Admin(KafkaMarketOptions options, ILogger logger)
    {
        var gate = new RepeatedLogGate(TimeProvider.System);
        return new AdminClientBuilder(Settings(options, new AdminClientConfig()))
            .SetErrorHandler((_, e) => { if (gate.Pass(e.Reason) is { } reason) MarketLog.KafkaError(logger, "admin", reason); })
            .SetLogHandler((_, m) => { if (gate.Pass(m.Message) is { } text) MarketLog.KafkaLog(logger, "admin", m.Facility, text); })
            .Build();
    }

    public static IProducer<string, byte[]> Producer(KafkaMarketOptions options, ILogger logger)
    {
        var config = Settings(options, new ProducerConfig
        {
            Acks = Acks.All,
            LingerMs = 1,
            MessageTimeoutMs = (int)options.OperationTimeout.TotalMilliseconds,
        });
        var gate = new RepeatedLogGate(TimeProvider.System);
        return new ProducerBuilder<string, byte[]>(config)
            .SetErrorHandler((_, e) => { if (gate.Pass(e.Reason) is { } reason) MarketLog.KafkaError(logger, "producer", reason); })
            .SetLogHandler((_, m) => { if (gate.Pass(m.Message) is { } text) MarketLog.KafkaLog(logger, "producer", m.Facility, text); })
            .Build();
    }

    /// <summary>A consumer for explicit assignment: its group id is never used for a subscription, and it commits nothing.</summary>
    public static IConsumer<string, byte[]> Consumer(KafkaMarketOptions options, string groupId, ILogger logger)
    {
        var config = Settings(options, new ConsumerConfig
        {
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 50,
        });
        var gate = new RepeatedLogGate(TimeProvider.System);
        return new ConsumerBuilder<string, byte[]>(config)
            .SetErrorHandler((_, e) => { if (gate.Pass(e.Reason) is { } reason) MarketLog.KafkaError(logger, "consumer", reason); })
            .SetLogHandler((_, m) => { if (gate.Pass(m.Message) is { } text) MarketLog.KafkaLog(logger, "consumer", m.Facility, text); })
            .Build();
    }

    /// <summary>
    /// The partitions of each topic, creating a missing topic: a broker that creates topics on first use does so on the
    /// metadata query; one that does not gets an explicit creation with <see cref="KafkaMarketOptions.Partitions"/>.
    /// </summary>
    public static async Task<IReadOnlyList<TopicPartition>> EnsureTopicsAsync(IAdminClient admin, KafkaMarketOptions options, IReadOnlyList<string> topics, ILogger logger)
    {
        var partitions = new List<TopicPartition>();
        foreach (var topic in topics)
        {
            var metadata = TopicMetadata(admin, topic, options);
            if (metadata.Error.Code == ErrorCode.UnknownTopicOrPart || metadata.Partitions.Count == 0)
            {
                try
                {
                    await admin.CreateTopicsAsync(
                        [new TopicSpecification { Name = topic, NumPartitions = options.Partitions, ReplicationFactor = -1 }],
                        new CreateTopicsOptions { RequestTimeout = options.OperationTimeout, OperationTimeout = options.OperationTimeout });
                    MarketLog.TopicCreated(logger, topic, options.Partitions);
                }
                catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
                {
                    // Another client created it meanwhile.
                }

                metadata = TopicMetadata(admin, topic, options);
            }

            if (metadata.Error.IsError || metadata.Partitions.Count == 0)
                throw new KafkaException(new Error(metadata.Error.Code, $"topic {topic} cannot be used: {metadata.Error.Reason}"));
            partitions.AddRange(metadata.Partitions.OrderBy(p => p.PartitionId).Select(p => new TopicPartition(topic, p.PartitionId)));
        }

        return partitions;
    }

    /// <summary>The message's headers: its schema's name and the content type.</summary>
    public static Headers Headers(string schema) => new()
    {
        { SchemaHeader, Encoding.UTF8.GetBytes(schema) },
        { "content-type", "application/json"u8.ToArray() },
    };

    private static Confluent.Kafka.TopicMetadata TopicMetadata(IAdminClient admin, string topic, KafkaMarketOptions options) =>
        admin.GetMetadata(topic, options.OperationTimeout).Topics.Single(t => t.Topic == topic);

    private static T Settings<T>(KafkaMarketOptions options, T config)
        where T : ClientConfig
    {
        config.BootstrapServers = options.BootstrapServers;
        config.SocketTimeoutMs = Math.Max(10_000, (int)options.OperationTimeout.TotalMilliseconds);
        foreach (var (key, value) in options.ClientSettings) config.Set(key, value);
        return config;
    }
}

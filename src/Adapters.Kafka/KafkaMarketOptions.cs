namespace Sems.Adapters.Kafka;

/// <summary>How both sides of the market reach Kafka.</summary>
/// <param name="BootstrapServers">HOST:PORT[,HOST:PORT…] of the brokers.</param>
/// <param name="Topics">The market's topics.</param>
public sealed record KafkaMarketOptions(string BootstrapServers, MarketTopics Topics)
{
    /// <summary>Partitions of a topic the adapter creates itself (when the broker does not create it on first use).</summary>
    public int Partitions { get; init; } = 4;

    /// <summary>The longest a metadata query, a topic creation or a delivery may take.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a coordinator that waits for missing prosumers says whom it waits for.</summary>
    public TimeSpan WaitLogInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>More librdkafka settings for every client (security.protocol, sasl.*, …).</summary>
    public IReadOnlyDictionary<string, string> ClientSettings { get; init; } = new Dictionary<string, string>();
}

using Confluent.Kafka;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>
/// librdkafka's built-in mock cluster (one broker on 127.0.0.1), owned by an admin client that the fixture keeps alive:
/// every client, in this process or another, reaches it at <see cref="BootstrapServers"/>. Nothing is kept on disk.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly IAdminClient _owner;

    public MockKafkaCluster()
    {
        var config = new AdminClientConfig { BootstrapServers = "127.0.0.1:1" };
        config.Set("test.mock.num.brokers", "1");
        _owner = new AdminClientBuilder(config).Build();
        var broker = _owner.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Single();
        BootstrapServers = $"{broker.Host}:{broker.Port}";
    }

    /// <summary>HOST:PORT of the mock broker.</summary>
    public string BootstrapServers { get; }

    /// <summary>A topic prefix no other test uses.</summary>
    public static string FreshPrefix(string name) => $"test.{name}.{Guid.NewGuid():N}";

    public void Dispose() => _owner.Dispose();
}

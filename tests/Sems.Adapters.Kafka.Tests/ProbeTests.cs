using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Sems.Adapters.Kafka.Tests;

public sealed class ProbeTests
{
    [Fact]
    public async Task Probe()
    {
        using var cluster = new MockKafkaCluster();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var md0 = admin.GetMetadata("t0", TimeSpan.FromSeconds(5));
        Console.WriteLine($"t0 by metadata: {md0.Topics[0].Error.Code} partitions {md0.Topics[0].Partitions.Count} controller {md0.OriginatingBrokerId}");
        var md = admin.GetMetadata("t1", TimeSpan.FromSeconds(5));
        Console.WriteLine($"partitions {md.Topics[0].Partitions.Count}");
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        await producer.ProduceAsync("t1", new Message<string, byte[]> { Key = "a", Value = [1, 2] });
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "g", EnableAutoCommit = false }).Build();
        var tps = md.Topics[0].Partitions.Select(p => new TopicPartition("t1", p.PartitionId)).ToList();
        consumer.Assign(tps.Select(tp => new TopicPartitionOffset(tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High)));
        await producer.ProduceAsync("t1", new Message<string, byte[]> { Key = "b", Value = [3] });
        var r = consumer.Consume(TimeSpan.FromSeconds(10));
        Console.WriteLine($"got {r?.Message.Key} at {r?.Offset}");
        Assert.Equal("b", r?.Message.Key);
    }
}

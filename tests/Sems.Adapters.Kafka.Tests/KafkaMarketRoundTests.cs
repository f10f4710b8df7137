using System.Text;
using Confluent.Kafka;
using Sems.Engine.Market;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>The round and the prosumer hosts in this process, over librdkafka's mock cluster.</summary>
public sealed class KafkaMarketRoundTests(MockKafkaCluster cluster) : IClassFixture<MockKafkaCluster>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_answer_arrives_in_request_order_and_each_host_stops_with_its_settlement_line()
    {
        var community = TestCommunity.Create("answers", TimeSpan.FromSeconds(20));
        var options = Options("answers");
        using var cancel = new CancellationTokenSource(TestTimeout);
        using var round = new KafkaMarketRound(community, options);
        var a = await StartHost(options, community.Name, "a", TestCommunity.Rule, cancel.Token);
        var b = await StartHost(options, community.Name, "b", TestCommunity.Rule, cancel.Token);

        var replies = await round.AskAsync([TestCommunity.Request("b", 0, 0.25, 0.3, 0.2), TestCommunity.Request("a", 0, 0.3, 0.3, 0.3)], cancel.Token);

        Assert.Equal(["b", "a"], replies.Select(r => r.ProsumerId));
        var sb = replies[0].Schedule!;
        Assert.Equal([2, 0, 2], sb.ImportKw);
        Assert.Equal([0, 1, 0], sb.ExportKw);
        Assert.Equal(0.25 * 2 - 0.075 + 0.2 * 2, sb.EnergyCost, 12); // 0.825
        Assert.Equal(0.01, sb.DiscomfortCost);
        var sa = replies[1].Schedule!;
        Assert.Equal([0, 0, 0], sa.ImportKw);
        Assert.Equal([1, 1, 1], sa.ExportKw);
        Assert.Equal(-0.225, sa.EnergyCost, 12);
        Assert.All(replies, r => Assert.Null(r.Problem));

        var lineA = new SettlementLine("a", 0, 3, 0, 1, 0, 2, 0, 23, -23, -15, 8);
        var lineB = new SettlementLine("b", 4, 0, 1, 0, 3, 0, 90, 0, 90, 100, 10);
        await round.PublishSettlementAsync(new SettlementMessage(SettlementMessage.Name, round.RunId, community.Name, "EUR", "sdr", true, "converged", 1,
            [lineA, lineB], new SettlementBudget(90, 23, 67, 0, 1, true), []), cancel.Token);
        var resultA = await a.Run.WaitAsync(cancel.Token);
        var resultB = await b.Run.WaitAsync(cancel.Token);
        Assert.Equal((lineA, 1, false), (resultA.Line, resultA.Answers, resultA.IdleTimedOut));
        Assert.Equal(lineB, resultB.Line);
        Assert.Null(resultB.LeftOut);
    }

    [Fact]
    public async Task Stale_and_invalid_schedules_are_ignored_and_said_so()
    {
        var community = TestCommunity.Create("stale", TimeSpan.FromSeconds(20));
        var options = Options("stale");
        var log = new CollectingLogger();
        using var cancel = new CancellationTokenSource(TestTimeout);
        using var round = new KafkaMarketRound(community, options, log);
        using var raw = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        ScheduleMessage? previous = null;

        // Before its real answer to iteration 1, prosumer a's partition gets: its answer to iteration 0 again, one of
        // another run, one with a negative import, and bytes that are no JSON; all keyed "a", so they arrive first.
        var host = await StartHost(options, community.Name, "a", request =>
        {
            if (request.Iteration == 1)
            {
                Send(raw, options.Topics.Schedules, "a", MarketMessageCodec.Write(previous! with { ImportKw = [8, 8, 8] }));
                Send(raw, options.Topics.Schedules, "a", MarketMessageCodec.Write(previous! with { RunId = "another-run", Iteration = 1, ImportKw = [9, 9, 9] }));
                Send(raw, options.Topics.Schedules, "a", MarketMessageCodec.Write(previous! with { Iteration = 1, ImportKw = [-1, 0, 0] }));
                Send(raw, options.Topics.Schedules, "a", Encoding.UTF8.GetBytes("not json"));
            }

            return TestCommunity.Rule(request);
        }, cancel.Token, onAnswered: (_, answer) => previous = answer);

        var first = await round.AskAsync([TestCommunity.Request("a", 0, 0.3, 0.3, 0.3)], cancel.Token);
        var second = await round.AskAsync([TestCommunity.Request("a", 1, 0.2, 0.3, 0.2)], cancel.Token);

        Assert.Equal([0, 0, 0], first[0].Schedule!.ImportKw);
        Assert.Equal(1, second[0].Schedule!.Iteration);
        Assert.Equal([2, 0, 2], second[0].Schedule!.ImportKw);
        Assert.True(log.Said("(run " + round.RunId + ", iteration 0): the iteration asked is 1"), string.Join('\n', log.Lines));
        Assert.True(log.Said("(run another-run, iteration 1): another run"), string.Join('\n', log.Lines));
        Assert.True(log.Said("importKw[0]: -1"), string.Join('\n', log.Lines));
        Assert.True(log.Said("is not valid JSON"), string.Join('\n', log.Lines));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Run);
    }

    [Fact]
    public async Task A_silent_prosumer_is_timed_out_with_a_problem_that_says_so()
    {
        var community = TestCommunity.Create("silent", TimeSpan.FromSeconds(2));
        var options = Options("silent");
        var log = new CollectingLogger();
        using var cancel = new CancellationTokenSource(TestTimeout);
        using var round = new KafkaMarketRound(community, options, log);
        var a = await StartHost(options, community.Name, "a", TestCommunity.Rule, cancel.Token);
        var b = await StartHost(options, community.Name, "b", TestCommunity.Rule, cancel.Token);

        var replies = await round.AskAsync([TestCommunity.Request("a", 0, 0.3, 0.3, 0.3), TestCommunity.Request("c", 0, 0.3, 0.3, 0.3), TestCommunity.Request("b", 0, 0.2, 0.2, 0.2)], cancel.Token);

        Assert.NotNull(replies[0].Schedule);
        Assert.Equal(new ProsumerReply("c", null, "no answer within 2 s"), replies[1]);
        Assert.Equal([2, 2, 2], replies[2].Schedule!.ImportKw);
        Assert.True(log.Said("No answer within 2 s from c in iteration 0"), string.Join('\n', log.Lines));

        await round.PublishSettlementAsync(new SettlementMessage(SettlementMessage.Name, round.RunId, community.Name, "EUR", "sdr", true, "converged", 1,
            [new SettlementLine("a", 0, 3, 0, 3, 0, 0, 0, 15, -15, -10, 5), new SettlementLine("b", 6, 0, 3, 0, 3, 0, 120, 0, 120, 130, 10)],
            new SettlementBudget(120, 15, 105, 0, 3, true), [new LeftOutProsumer("c", "no answer within 2 s")]), cancel.Token);
        Assert.Equal(120, (await b.Run.WaitAsync(cancel.Token)).Line!.BillCents);
        await a.Run.WaitAsync(cancel.Token);
    }

    [Fact]
    public async Task On_missing_wait_keeps_waiting_naming_whom_until_the_answer_comes()
    {
        var community = TestCommunity.Create("waits", TimeSpan.FromSeconds(1), MissingProsumerPolicy.Wait);
        var options = Options("waits") with { WaitLogInterval = TimeSpan.FromSeconds(1) };
        var log = new CollectingLogger();
        using var cancel = new CancellationTokenSource(TestTimeout);
        using var round = new KafkaMarketRound(community, options, log);
        var a = await StartHost(options, community.Name, "a", TestCommunity.Rule, cancel.Token);

        var ask = round.AskAsync([TestCommunity.Request("a", 0, 0.3, 0.3, 0.3), TestCommunity.Request("c", 0, 0.2, 0.2, 0.2)], cancel.Token);
        await log.WaitForAsync("Waiting for c in iteration 0", TestTimeout);
        Assert.False(ask.IsCompleted);
        var c = await StartHost(options, community.Name, "c", TestCommunity.Rule, cancel.Token);
        var replies = await ask.WaitAsync(cancel.Token);

        Assert.Equal([2, 2, 2], replies[1].Schedule!.ImportKw);
        Assert.Equal([0, 0, 0], replies[0].Schedule!.ImportKw);
        Assert.DoesNotContain(log.Lines, l => l.Contains("Waiting for a", StringComparison.Ordinal));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(a.Run, c.Run));
    }

    [Fact]
    public async Task A_prosumer_that_starts_late_answers_the_iteration_under_way_and_not_a_settled_run()
    {
        var community = TestCommunity.Create("late", TimeSpan.FromSeconds(30));
        var options = Options("late");
        using var cancel = new CancellationTokenSource(TestTimeout);

        // A first run, settled: its prices stay on the topic.
        using (var earlier = new KafkaMarketRound(community, options))
        {
            var host = await StartHost(options, community.Name, "a", TestCommunity.Rule, cancel.Token);
            await earlier.AskAsync([TestCommunity.Request("a", 0, 0.3, 0.3, 0.3)], cancel.Token);
            await earlier.PublishSettlementAsync(Settled(earlier.RunId, community.Name, "a"), cancel.Token);
            Assert.Equal(1, (await host.Run.WaitAsync(cancel.Token)).Answers);
        }

        var log = new CollectingLogger();
        using var round = new KafkaMarketRound(community, options, log);
        var ask = round.AskAsync([TestCommunity.Request("a", 0, 0.2, 0.2, 0.2)], cancel.Token);
        await log.WaitForAsync("iteration 0 prices sent", TestTimeout);
        var late = await StartHost(options, community.Name, "a", TestCommunity.Rule, cancel.Token);
        var replies = await ask;
        await round.PublishSettlementAsync(Settled(round.RunId, community.Name, "a"), cancel.Token);
        var result = await late.Run.WaitAsync(cancel.Token);

        Assert.Equal([2, 2, 2], replies[0].Schedule!.ImportKw);
        Assert.Equal(1, result.Answers); // the settled run's prices were not answered again
        Assert.Equal(round.RunId, result.Settlement!.RunId);
    }

    [Fact]
    public async Task Prices_of_another_horizon_are_answered_with_a_problem()
    {
        var community = TestCommunity.Create("horizon", TimeSpan.FromSeconds(20));
        var options = Options("horizon");
        using var cancel = new CancellationTokenSource(TestTimeout);
        using var round = new KafkaMarketRound(community, options);
        var hostOptions = new KafkaProsumerHostOptions(community.Name, "a") { Steps = 4, StepMinutes = 60 };
        var host = new KafkaProsumerHost(options, hostOptions, TestCommunity.Rule);
        var run = host.RunAsync(cancel.Token);

        var replies = await round.AskAsync([TestCommunity.Request("a", 0, 0.3, 0.3, 0.3)], cancel.Token);

        Assert.Null(replies[0].Schedule);
        Assert.Equal("a answered with a problem: the prices have 3 steps; this prosumer's horizon has 4", replies[0].Problem);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private KafkaMarketOptions Options(string name) => new(cluster.BootstrapServers, new MarketTopics(MockKafkaCluster.FreshPrefix(name)));

    private static SettlementMessage Settled(string runId, string market, string id) =>
        new(SettlementMessage.Name, runId, market, "EUR", "sdr", true, "converged", 1, [new SettlementLine(id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)], new SettlementBudget(0, 0, 0, 0, 0, true), []);

    private static void Send(IProducer<string, byte[]> producer, string topic, string key, byte[] value) =>
        producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value }).GetAwaiter().GetResult();

    private sealed record RunningHost(Task<ProsumerHostResult> Run);

    /// <summary>Starts a host and returns once it listens (its history read).</summary>
    private static async Task<RunningHost> StartHost(KafkaMarketOptions options, string market, string id, Func<ProsumerRequest, ProsumerReply> responder,
        CancellationToken cancellationToken, Action<PricesMessage, ScheduleMessage>? onAnswered = null)
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = new KafkaProsumerHost(options, new KafkaProsumerHostOptions(market, id) { IdleTimeout = TestTimeout }, responder)
        {
            OnListening = () => listening.TrySetResult(),
            OnAnswered = onAnswered,
        };
        var run = host.RunAsync(cancellationToken);
        await Task.WhenAny(listening.Task, run).WaitAsync(TestTimeout, cancellationToken);
        if (run.IsFaulted) await run;
        return new RunningHost(run);
    }
}

using Sems.Contracts.Market;
using Sems.Engine.Market;
using Sems.Grains.Market;

namespace Sems.Grains.Tests.Market;

/// <summary>One iteration over the prosumer grains: replies in request order, the bound on calls in flight, the response timeout.</summary>
public sealed class GrainMarketRoundTests(MarketCluster fixture) : IClassFixture<MarketCluster>
{
    private async Task Configure(string community, params string[] ids)
    {
        foreach (var id in ids)
        {
            var problems = await fixture.Grains.GetGrain<IProsumerGrain>(GrainMarketRound.ProsumerKey(community, id))
                .Configure(MarketMapper.ToWire(TestCommunities.Passive(id, [2, 2], [0, 0])));
            Assert.Empty(problems);
        }
    }

    private static ProsumerRequest Request(string id) => new(id, 1, [0.2, 0.3], [0.05, 0.05], null, null);

    private static MarketSettings Settings(MissingProsumerPolicy policy, double timeoutSeconds) =>
        MarketSettings.Default with { OnMissing = policy, ResponseTimeout = TimeSpan.FromSeconds(timeoutSeconds) };

    [Fact]
    public async Task Replies_come_back_in_request_order_with_each_prosumers_own_schedule()
    {
        string[] ids = ["ord-e", "ord-a", "ord-d", "ord-b", "ord-c"];
        // Each prosumer answers with its own position in the alphabet as its import, so a mix-up shows.
        fixture.Scheduler.Use("ord-", (p, _, r) => new ProsumerReply(p.Id, new ProsumerSchedule(p.Id, r.Iteration, [p.Id[^1] - 'a', 0], [0, 0], 0, 0), null));
        await Configure("round-order", ids);
        var round = new GrainMarketRound(fixture.Grains, "round-order", 60, Settings(MissingProsumerPolicy.SettleWithout, 30), maxCallsInFlight: 2);

        var replies = await round.AskAsync(ids.Select(Request).ToList(), CancellationToken.None);
        Assert.Equal(ids, replies.Select(r => r.ProsumerId));
        Assert.Equal([4.0, 0, 3, 1, 2], replies.Select(r => r.Schedule!.ImportKw[0]));
        Assert.All(replies, r => Assert.Equal(1, r.Schedule!.Iteration));
    }

    [Fact]
    public async Task No_more_calls_than_the_bound_are_in_flight()
    {
        string[] ids = ["bound-a", "bound-b", "bound-c", "bound-d"];
        fixture.Scheduler.Use("bound-", (p, h, r) =>
        {
            Thread.Sleep(50); // long enough for a second call to overlap if the round let it
            return TestScheduler.Passive(p, h, r);
        });
        await Configure("round-bound", ids);
        fixture.Scheduler.ResetCounts();
        var round = new GrainMarketRound(fixture.Grains, "round-bound", 60, Settings(MissingProsumerPolicy.SettleWithout, 30), maxCallsInFlight: 1);

        var replies = await round.AskAsync(ids.Select(Request).ToList(), CancellationToken.None);
        Assert.All(replies, r => Assert.NotNull(r.Schedule));
        Assert.Equal(4, fixture.Scheduler.Calls);
        Assert.Equal(1, fixture.Scheduler.MaxRunning);
    }

    [Fact]
    public async Task A_prosumer_that_misses_the_iterations_deadline_is_reported_and_the_others_answer()
    {
        using var release = new ManualResetEventSlim();
        fixture.Scheduler.Use("late-slow", (p, h, r) =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return TestScheduler.Passive(p, h, r);
        });
        fixture.Scheduler.Use("late-ok", TestScheduler.Passive);
        await Configure("round-late", "late-ok", "late-slow");
        var round = new GrainMarketRound(fixture.Grains, "round-late", 60, Settings(MissingProsumerPolicy.SettleWithout, 0.5), maxCallsInFlight: 4);

        var replies = await round.AskAsync([Request("late-ok"), Request("late-slow")], CancellationToken.None);
        release.Set();
        Assert.NotNull(replies[0].Schedule);
        Assert.Equal([2.0, 2], replies[0].Schedule!.ImportKw);
        Assert.Null(replies[1].Schedule);
        Assert.Equal("no answer within 0.5 s", replies[1].Problem);
    }

    [Fact]
    public async Task Under_wait_a_slow_prosumer_is_waited_for()
    {
        var entered = new TaskCompletionSource();
        using var release = new ManualResetEventSlim();
        fixture.Scheduler.Use("wait-slow", (p, h, r) =>
        {
            entered.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(30));
            return TestScheduler.Passive(p, h, r);
        });
        await Configure("round-wait", "wait-slow");
        // A timeout that has long passed by the time the answer comes: under "wait" it does not apply.
        var round = new GrainMarketRound(fixture.Grains, "round-wait", 60, Settings(MissingProsumerPolicy.Wait, 0.001), maxCallsInFlight: 4);

        var ask = round.AskAsync([Request("wait-slow")], CancellationToken.None);
        await entered.Task;
        await Task.Delay(50);
        release.Set();
        var reply = Assert.Single(await ask);
        Assert.Equal([2.0, 2], reply.Schedule!.ImportKw);
    }

    [Fact]
    public async Task An_unconfigured_prosumer_gets_its_grains_problem()
    {
        var round = new GrainMarketRound(fixture.Grains, "round-none", 60, MarketSettings.Default, maxCallsInFlight: 4);
        var reply = Assert.Single(await round.AskAsync([Request("nobody")], CancellationToken.None));
        Assert.Null(reply.Schedule);
        Assert.Contains("not configured", reply.Problem, StringComparison.Ordinal);
    }
}

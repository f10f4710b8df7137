using Sems.Contracts.Market;
using Sems.Engine.Market;
using Sems.Grains.Market;

namespace Sems.Grains.Tests.Market;

/// <summary>A prosumer grain keeps its definition and answers prices through its scheduler, or says why it cannot.</summary>
public sealed class ProsumerGrainTests(MarketCluster fixture) : IClassFixture<MarketCluster>
{
    private static ProsumerDefinition Home(string id) =>
        MarketMapper.ToWire(TestCommunities.Passive(id, [3, 1], [0, 5]));

    private static ProsumerRequestMessage Prices(string id, int stepMinutes = 60) => new(id, 2, stepMinutes, [0.2, 0.2], [0.05, 0.05], null, null);

    [Fact]
    public async Task A_configured_prosumer_answers_with_its_schedule_at_the_prices_sent()
    {
        fixture.Scheduler.Use("pg-answer", TestScheduler.Passive);
        var grain = fixture.Grains.GetGrain<IProsumerGrain>("c1/pg-answer");
        Assert.Empty(await grain.Configure(Home("pg-answer")));

        var reply = await grain.Respond(Prices("pg-answer", stepMinutes: 30));
        Assert.Null(reply.Problem);
        var s = reply.Schedule!;
        // Load [3, 1] kW, PV [0, 5] kW: import 3 kW then export 4 kW; over 0.5 h: 0.5·(0.2·3 − 0.05·4) = 0.2.
        Assert.Equal([3.0, 0], s.ImportKw);
        Assert.Equal([0.0, 4], s.ExportKw);
        Assert.Equal(0.2, s.EnergyCost, 12);
        Assert.Equal(2, s.Iteration);
        var held = await grain.GetDefinition();
        Assert.Equal([3.0, 1], held!.LoadKw);
    }

    [Fact]
    public async Task A_definition_for_another_prosumer_than_the_key_is_refused()
    {
        var grain = fixture.Grains.GetGrain<IProsumerGrain>("c1/pg-key");
        var problem = Assert.Single(await grain.Configure(Home("pg-other")));
        Assert.Contains("id: \"pg-other\" is not this grain's prosumer \"pg-key\"", problem, StringComparison.Ordinal);
        Assert.Null(await grain.GetDefinition());
    }

    [Fact]
    public async Task Requests_it_cannot_answer_get_a_reply_naming_the_problem()
    {
        var unconfigured = await fixture.Grains.GetGrain<IProsumerGrain>("c1/pg-none").Respond(Prices("pg-none"));
        Assert.Null(unconfigured.Schedule);
        Assert.Contains("not configured", unconfigured.Problem, StringComparison.Ordinal);

        var grain = fixture.Grains.GetGrain<IProsumerGrain>("c1/pg-bad");
        await grain.Configure(Home("pg-bad"));
        var shortPrices = await grain.Respond(Prices("pg-bad") with { BuyPerKwh = [0.2] });
        Assert.Equal("buyPerKwh: 1 values where the prosumer has 2 steps", shortPrices.Problem);
        var nan = await grain.Respond(Prices("pg-bad") with { ExportCapKw = [1, double.NaN] });
        Assert.Equal("exportCapKw[1]: NaN is not a finite number", nan.Problem);
        var other = await grain.Respond(Prices("pg-someone"));
        Assert.Contains("for prosumer \"pg-someone\", this grain holds \"pg-bad\"", other.Problem, StringComparison.Ordinal);

        var external = fixture.Grains.GetGrain<IProsumerGrain>("c1/pg-ext");
        await external.Configure(Home("pg-ext") with { External = true });
        Assert.Contains("answers over the adapter", (await external.Respond(Prices("pg-ext"))).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduler_that_refuses_the_input_becomes_a_reply_with_the_reason()
    {
        fixture.Scheduler.Use("pg-throws", (_, _, _) => throw new ArgumentException("sellPerKwh[0] = 0.3 is above buyPerKwh[0] = 0.2"));
        var grain = fixture.Grains.GetGrain<IProsumerGrain>("c1/pg-throws");
        await grain.Configure(Home("pg-throws"));
        var reply = await grain.Respond(Prices("pg-throws"));
        Assert.Null(reply.Schedule);
        Assert.Equal("prosumer \"pg-throws\": sellPerKwh[0] = 0.3 is above buyPerKwh[0] = 0.2", reply.Problem);
    }
}

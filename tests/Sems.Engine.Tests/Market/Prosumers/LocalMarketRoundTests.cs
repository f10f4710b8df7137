using Sems.Engine.Market;
using static Sems.Engine.Tests.Market.Prosumers.ProsumerCases;

namespace Sems.Engine.Tests.Market.Prosumers;

/// <summary>The in-process market round: replies in request order, a problem for an unknown, an external or an infeasible prosumer.</summary>
public sealed class LocalMarketRoundTests
{
    [Fact]
    public async Task Replies_come_in_request_order_with_a_problem_for_unknown_and_external_prosumers()
    {
        // Prosumer "k" has k kW of PV surplus over a 1 kW load: at sell 0.05 < buy 0.30 it exports k kW in both hours.
        var members = Enumerable.Range(1, 6).Select(k => Prosumer($"p{k}", Fill(2, 1), pvKw: Fill(2, 1 + k))).ToList();
        members.Add(new Prosumer("ems", "tertiary", null, false, true, [], [], [], [], null, []));
        var round = new LocalMarketRound(members, 1, maxDegreeOfParallelism: 2);
        string[] order = ["p5", "p2", "nobody", "p6", "ems", "p1", "p4", "p3"];
        var replies = await round.AskAsync(order.Select(id => Request(id, Fill(2, 0.30), Fill(2, 0.05), iteration: 3)).ToList(), CancellationToken.None);

        Assert.Equal(order, replies.Select(r => r.ProsumerId));
        foreach (var reply in replies.Where(r => r.ProsumerId.StartsWith('p')))
        {
            var k = int.Parse(reply.ProsumerId[1..]);
            Assert.Null(reply.Problem);
            Assert.Equal(3, reply.Schedule!.Iteration);
            Assert.All(reply.Schedule.ExportKw, e => Assert.Equal(k, e, 1e-6));
            Assert.Equal(-2 * k * 0.05, reply.Schedule.EnergyCost, 1e-6);
        }

        Assert.Null(replies[2].Schedule);
        Assert.Contains("unknown prosumer \"nobody\"", replies[2].Problem);
        Assert.Null(replies[4].Schedule);
        Assert.Contains("answers over the adapter", replies[4].Problem);
    }

    [Fact]
    public async Task An_infeasible_or_invalid_request_is_a_problem_not_an_exception()
    {
        var round = new LocalMarketRound([Prosumer("a", [4]), Prosumer("b", [1])], 1, 1);
        var replies = await round.AskAsync([
            Request("a", [0.3], [0.05], importCapKw: [1]),
            Request("b", [0.3], [0.5]),
        ], CancellationToken.None);
        Assert.StartsWith("infeasible: 3 kW short at step 0", replies[0].Problem);
        Assert.Contains("SellPerKwh[0] = 0.5", replies[1].Problem);
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new LocalMarketRound([Prosumer("a", [1]), Prosumer("a", [2])], 1, 1));
        Assert.Contains("\"a\" appears twice", e.Message);
    }
}

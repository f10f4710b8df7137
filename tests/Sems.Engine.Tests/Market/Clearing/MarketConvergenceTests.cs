using Sems.Engine.Market;
using Sems.Engine.Model;
using Xunit.Abstractions;

namespace Sems.Engine.Tests.Market.Clearing;

/// <summary>Convergence on random communities of price-responsive prosumers, and non-convergence reported.</summary>
public sealed class MarketConvergenceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Random_communities_converge_to_the_SDR_of_their_final_schedules()
    {
        var rng = new Random(20260);
        for (var n = 0; n < 20; n++)
        {
            var steps = 1 + rng.Next(6);
            var count = 2 + rng.Next(7);
            var feedIn = Enumerable.Range(0, steps).Select(_ => Math.Round(0.02 + rng.NextDouble() * 0.08, 3)).ToArray();
            var retail = feedIn.Select(f => Math.Round(f + 0.10 + rng.NextDouble() * 0.25, 3)).ToArray();
            var responders = new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>();
            var members = new List<Prosumer>();
            for (var i = 0; i < count; i++)
            {
                var preferred = Enumerable.Range(0, steps).Select(_ => Math.Round((rng.NextDouble() - 0.5) * 10, 2)).ToArray();
                var a = 5 + rng.NextDouble() * 45;
                var id = $"p{i}";
                responders[id] = Responders.Quadratic(preferred, a, 1);
                members.Add(MarketCommunities.Member(id, preferred.Select(x => Math.Max(0, x)).ToArray(), preferred.Select(x => Math.Max(0, -x)).ToArray()));
            }

            var community = new Community($"random{n}", null, "EUR", null, 60, steps, retail, feedIn, members,
                GridTopology.Single("root", new Dictionary<string, Series>(StringComparer.Ordinal)), MarketCommunities.Settings(threshold: 1e-4));
            var outcome = await MarketCoordinator.RunAsync(community, new ResponderRound(responders));
            output.WriteLine($"{n}: {outcome.StopReason}; residual {outcome.PriceResidualPerKwh}");
            Assert.True(outcome.Converged, $"community {n}: {outcome.StopReason}");

            // The SDR of the final schedules, by the closed form, against the final prices sent.
            for (var t = 0; t < steps; t++)
            {
                var surplus = outcome.Final.Sum(s => Math.Max(0, s.ExportKw[t] - s.ImportKw[t]));
                var deficit = outcome.Final.Sum(s => Math.Max(0, s.ImportKw[t] - s.ExportKw[t]));
                double sell, buy;
                if (surplus == 0) (sell, buy) = (retail[t], retail[t]);
                else if (surplus >= deficit) (sell, buy) = (feedIn[t], feedIn[t]);
                else
                {
                    sell = retail[t] * feedIn[t] * deficit / ((retail[t] - feedIn[t]) * surplus + feedIn[t] * deficit);
                    buy = (surplus * sell + retail[t] * (deficit - surplus)) / deficit;
                }

                Assert.Equal(sell, outcome.FinalSellPerKwh[t], 1e-3);
                Assert.Equal(buy, outcome.FinalBuyPerKwh[t], 1e-3);
            }

            AssertBudget(outcome, community);
        }
    }

    [Fact]
    public async Task Random_auction_communities_converge_and_balance_to_the_cent()
    {
        var rng = new Random(4711);
        for (var n = 0; n < 20; n++)
        {
            var steps = 1 + rng.Next(4);
            var count = 2 + rng.Next(6);
            var responders = new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>();
            var members = new List<Prosumer>();
            for (var i = 0; i < count; i++)
            {
                var preferred = Enumerable.Range(0, steps).Select(_ => Math.Round((rng.NextDouble() - 0.5) * 10, 2)).ToArray();
                var id = $"p{i}";
                responders[id] = i % 3 == 2
                    ? Responders.Threshold(Math.Round(1 + rng.NextDouble() * 4, 2), Math.Round(0.06 + rng.NextDouble() * 0.2, 3), steps, 0.25)
                    : Responders.Quadratic(preferred, 0.05 + rng.NextDouble() * 20, 0.25);
                members.Add(MarketCommunities.Member(id, preferred.Select(x => Math.Max(0, x)).ToArray(), preferred.Select(x => Math.Max(0, -x)).ToArray()));
            }

            var community = MarketCommunities.Make(members, MarketCommunities.Settings(mechanism: MarketMechanism.Auction), stepMinutes: 15);
            var outcome = await MarketCoordinator.RunAsync(community, new ResponderRound(responders));
            output.WriteLine($"{n}: {outcome.StopReason}");
            Assert.True(outcome.Converged, $"community {n}: {outcome.StopReason}");
            Assert.All(outcome.Settlement.Steps, s => Assert.InRange(s.BuyPerKwh, 0.05, 0.30));
            AssertBudget(outcome, community);
        }
    }

    /// <summary>
    /// Summed here from the lines: every step's buyers pay what its sellers earn plus the grid's net, the grid's net is
    /// within half a cent per line of λ_b·import − λ_s·export, and the horizon's totals are the steps' sums.
    /// </summary>
    private static void AssertBudget(MarketOutcome outcome, Community community)
    {
        var settlement = outcome.Settlement;
        Assert.True(settlement.BudgetBalanced);
        foreach (var s in settlement.Steps)
        {
            var paid = -s.Lines.Where(l => l.AmountCents < 0).Sum(l => l.AmountCents);
            var earned = s.Lines.Where(l => l.AmountCents > 0).Sum(l => l.AmountCents);
            Assert.Equal(paid, earned + s.GridPaidCents - s.GridPaysCents);
            var positions = s.Lines.Select(l => l.NetKwh).ToArray();
            var surplus = positions.Where(x => x > 0).Sum();
            var deficit = -positions.Where(x => x < 0).Sum();
            var grid = 100 * (community.RetailPerKwh[s.Step] * Math.Max(0, deficit - surplus) - community.FeedInPerKwh[s.Step] * Math.Max(0, surplus - deficit));
            Assert.True(Math.Abs(s.GridPaidCents - s.GridPaysCents - grid) <= 0.5 * s.Lines.Count + 0.5, $"step {s.Step}: grid {s.GridPaidCents - s.GridPaysCents} cents vs {grid}");
            Assert.Equal(Math.Min(surplus, deficit), s.PeerTradedKwh, 1e-9);
        }

        Assert.Equal(settlement.Prosumers.Sum(b => b.PaidCents), settlement.Steps.Sum(s => s.BuyersPayCents));
        Assert.Equal(settlement.Prosumers.Sum(b => b.BillCents), settlement.GridPaidCents - settlement.GridPaysCents);
    }
}

using Sems.Engine.Market;
using Sems.Engine.Model;
using static Sems.Engine.Tests.Market.Clearing.MarketCommunities;

namespace Sems.Engine.Tests.Market.Clearing;

/// <summary>The trace worked by hand, the stop rules, bad input and bad answers.</summary>
public sealed class MarketCoordinatorEdgeTests
{
    private static Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>> SixAndFour() => new()
    {
        ["seller"] = Responders.Fixed([-6], 1),
        ["buyer"] = Responders.Fixed([4], 1),
    };

    private static Community SixAndFourCommunity(MarketSettings settings) =>
        Make([Member("seller", [2], [8]), Member("buyer", [4], [0])], settings);

    [Fact]
    public async Task The_trace_holds_the_damped_prices_costs_and_energy()
    {
        // Iteration 0 at (0.30, 0.05): cost = 4 × 0.30 − 6 × 0.05 = 0.90 EUR. SDR 1.5 → target (0.05, 0.05).
        // Iteration 1, d = 0.5: buy = 0.175, sell = 0.05; cost = 4 × 0.175 − 0.30 = 0.40, change −0.50, moved 0.125.
        // Iteration 2: the update keeps its direction, d stays 0.5: buy = 0.1125; cost 0.15, change −0.25.
        var outcome = await MarketCoordinator.RunAsync(SixAndFourCommunity(Settings()), new ResponderRound(SixAndFour()));
        var (t0, t1, t2) = (outcome.Trace[0], outcome.Trace[1], outcome.Trace[2]);
        Assert.Equal((0.90, (double?)null, 0.0), (Math.Round(t0.CommunityCost, 12), t0.CostChange, t0.MaxPriceChangePerKwh));
        Assert.Equal((0.175, 0.05, 0.5), (t1.BuyPerKwh[0], t1.SellPerKwh[0], t1.Damping[0]));
        Assert.Equal(0.40, t1.CommunityCost, 1e-12);
        Assert.Equal(-0.50, t1.CostChange!.Value, 1e-12);
        Assert.Equal(0.125, t1.MaxPriceChangePerKwh, 1e-12);
        Assert.Equal(0.1125, t2.BuyPerKwh[0], 1e-12);
        Assert.Equal(0.5, t2.Damping[0]);
        Assert.Equal(-0.25, t2.CostChange!.Value, 1e-12);
        Assert.All(outcome.Trace, l => Assert.Equal((4.0, 0.0, 2.0, 2), (l.PeerTradedKwh, l.GridImportKwh, l.GridExportKwh, l.Answered)));
        // Converged once a step moves less than 1e-4: 0.125 · 0.5^(k−1) < 1e-4 first at k = 12 (0.125/2048 = 6.1e-5), and by
        // then the cost change 4 × 6.1e-5 = 2.4e-4 EUR is under 0.01 (small numbers shown to 2 significant digits).
        Assert.Equal(12, outcome.Iterations);
        Assert.Equal("converged: cost change 0.00024 EUR < threshold 0.01 EUR and prices moved at most 0.000061 EUR/kWh at iteration 12", outcome.StopReason);
    }

    [Fact]
    public async Task Running_out_of_iterations_is_reported_as_non_convergence()
    {
        var outcome = await MarketCoordinator.RunAsync(SixAndFourCommunity(Settings(maxIterations: 3)), new ResponderRound(SixAndFour()));
        Assert.False(outcome.Converged);
        Assert.Equal(3, outcome.Iterations);
        Assert.Equal(4, outcome.Trace.Count);
        // Costs 0.90, 0.40, 0.15, 0.025 EUR; the last change −0.125 EUR, prices moved 0.03125 EUR/kWh.
        Assert.Equal("did not converge in 3 iterations: the last cost change was 0.125 EUR (threshold 0.01 EUR) and prices moved up to 0.0313 EUR/kWh; cost still falling, from 0.4 EUR to 0.025 EUR over iterations 1–3", outcome.StopReason);
        Assert.True(outcome.Settlement.BudgetBalanced); // still settled, at the SDR of the last schedules
    }

    [Fact]
    public async Task An_oscillating_cost_is_reported_as_such_when_the_iterations_run_out()
    {
        // Undamped, a seller exporting 4.9·(1 − e^(−40·(sell − 0.04))) kW against a fixed 5 kW buyer: the SDR sell price
        // swings 0.05 → 0.115 → 0.053 → 0.100 → 0.055 → … , closing in on a 2-cycle only slowly and never repeating exactly.
        var community = Make([Member("seller", [0], [5]), Member("buyer", [5], [0])], Settings(damping: 1, maxIterations: 8));
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["seller"] = r => Responders.Schedule(r, [-4.9 * (1 - Math.Exp(-40 * (r.SellPerKwh[0] - 0.04)))], 1, 0),
            ["buyer"] = Responders.Fixed([5], 1),
        });
        var outcome = await MarketCoordinator.RunAsync(community, round);
        Assert.False(outcome.Converged);
        // Iteration 0 sells at 0.05: 4.9·(1 − e^(−0.4)) = 1.6154 kW, SDR 0.32309, P_sell = 0.015/(0.25·0.32309 + 0.05) = 0.114704;
        // there the seller exports 4.65314 kW, SDR 0.93063, P_sell = 0.015/(0.25·0.93063 + 0.05) = 0.053068.
        Assert.Equal(0.114704, outcome.Trace[1].SellPerKwh[0], 1e-6);
        Assert.Equal(0.053068, outcome.Trace[2].SellPerKwh[0], 1e-6);
        var window = outcome.Trace.Skip(3).ToArray();
        var changes = window.Select(l => l.CostChange!.Value).ToArray();
        Assert.True(changes.Any(c => c > 0) && changes.Any(c => c < 0), string.Join(", ", changes));
        var costs = window.Select(l => l.CommunityCost).ToArray();
        var expected = $"cost oscillates between {Math.Round(costs.Min(), 4, MidpointRounding.AwayFromZero)} EUR and {Math.Round(costs.Max(), 4, MidpointRounding.AwayFromZero)} EUR over iterations 3–8";
        Assert.True(outcome.StopReason.EndsWith(expected, StringComparison.Ordinal), $"{outcome.StopReason} | {string.Join(", ", costs)} | {string.Join(", ", outcome.Trace.Select(l => l.SellPerKwh[0]))}");
    }

    [Fact]
    public async Task A_prosumer_failing_the_baseline_is_never_asked_again()
    {
        var responders = SixAndFour();
        responders["broken"] = r => new ProsumerSchedule(r.ProsumerId, r.Iteration, [1, 1], [0, 0], 0, 0); // two steps for one
        var community = Make([Member("seller", [2], [8]), Member("buyer", [4], [0]), Member("broken", [1], [0])], Settings());
        var round = new ResponderRound(responders);
        var outcome = await MarketCoordinator.RunAsync(community, round);

        var missing = Assert.Single(outcome.Missing);
        Assert.Equal("iteration 0: the schedule has 2 ImportKw and 2 ExportKw values for 1 steps", missing.Problem);
        Assert.DoesNotContain(outcome.Baseline, s => s.ProsumerId == "broken");
        Assert.All(round.Calls.Skip(1), batch => Assert.Equal(["seller", "buyer"], batch.Select(r => r.ProsumerId)));
    }

    [Fact]
    public async Task A_market_nobody_answers_stops_at_once_and_names_everyone()
    {
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>> { ["seller"] = _ => null, ["buyer"] = _ => null });
        var outcome = await MarketCoordinator.RunAsync(SixAndFourCommunity(Settings()), round);
        Assert.False(outcome.Converged);
        Assert.Equal("stopped at iteration 0: no prosumer answered", outcome.StopReason);
        Assert.Equal(["seller", "buyer"], outcome.Missing.Select(m => m.ProsumerId));
        Assert.Single(round.Calls);
        Assert.Empty(outcome.Final);
        Assert.Equal(0, outcome.Settlement.BuyersPayCents);
        Assert.Empty(outcome.Kpis.Prosumers);
    }

    [Theory]
    [InlineData("late", "the schedule answers iteration 99, not 0")]
    [InlineData("negative", "ImportKw at step 0 must be finite and ≥ 0 kW, got -2")]
    [InlineData("impostor", "the schedule is for \"someone\"")]
    [InlineData("refuses", "infeasible: load above connection limit")]
    public async Task Invalid_answers_are_named(string kind, string problem)
    {
        var responders = SixAndFour();
        responders["odd"] = kind switch
        {
            "late" => r => Responders.Schedule(r, [1], 1, 0) with { Iteration = 99 },
            "negative" => r => new ProsumerSchedule(r.ProsumerId, r.Iteration, [-2], [0], 0, 0),
            "impostor" => r => Responders.Schedule(r, [1], 1, 0) with { ProsumerId = "someone" },
            _ => _ => null,
        };
        var round = kind == "refuses" ? new RefusingRound(new ResponderRound(responders), "odd", problem) : (IMarketRound)new ResponderRound(responders);
        var community = Make([Member("seller", [2], [8]), Member("buyer", [4], [0]), Member("odd", [1], [0])], Settings());

        var outcome = await MarketCoordinator.RunAsync(community, round);

        Assert.Equal($"iteration 0: {problem}", Assert.Single(outcome.Missing).Problem);
        Assert.Equal(["seller", "buyer"], outcome.Final.Select(s => s.ProsumerId));
    }

    [Fact]
    public async Task Nested_limits_take_the_tightest_cap()
    {
        // root import ≤ 6 kW over b1, b2 (in f1, import ≤ 5 kW) and b3, each wanting ≈ 4 kW.
        // root: 12 − 6 = 6 kW over, shared 4:4:4 → caps 2 kW each; f1: 8 − 5 = 3 over → 2.5 each; the tighter 2 kW wins.
        var none = new Dictionary<string, Series>(StringComparer.Ordinal);
        var grid = new GridTopology([
            new GridNode("root", null, new Dictionary<string, Series> { [Community.Electricity] = Series.Constant(6, 1) }, none),
            new GridNode("f1", "root", new Dictionary<string, Series> { [Community.Electricity] = Series.Constant(5, 1) }, none),
        ]);
        var community = Make([Member("b1", [4], [0], "f1"), Member("b2", [4], [0], "f1"), Member("b3", [4], [0])], Settings(), grid);
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["b1"] = Capped(4),
            ["b2"] = Capped(4),
            ["b3"] = Capped(4),
        });

        var outcome = await MarketCoordinator.RunAsync(community, round);

        Assert.All(round.Calls[^1], r => Assert.Equal(2.0, r.ImportCapKw![0], 1e-9));
        Assert.Equal([2.0, 2.0, 2.0], outcome.Final.Select(s => Math.Round(s.ImportKw[0], 9)));
        Assert.True(outcome.Final.Sum(s => s.ImportKw[0]) <= 6 + 1e-6);
        Assert.True(outcome.Grid.Holds, outcome.Grid.Summary);
        Assert.Equal(6.0, outcome.Grid.Nodes[0].ImportExcessBeforeKwh, 1e-9);
        Assert.Equal(3.0, outcome.Grid.Nodes[1].ImportExcessBeforeKwh, 1e-9);
    }

    /// <summary>Imports <paramref name="kw"/> whatever the price, or its cap when lower.</summary>
    private static Func<ProsumerRequest, ProsumerSchedule?> Capped(double kw) =>
        r => Responders.Schedule(r, [Math.Min(kw, r.ImportCapKw?[0] ?? kw)], 1, 0);

    [Fact]
    public async Task Bad_settings_and_communities_are_refused_by_name()
    {
        var round = new ResponderRound(SixAndFour());
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MarketCoordinator.RunAsync(SixAndFourCommunity(Settings(damping: 0)), round));
        Assert.Contains("market.Damping must be in (0, 1], got 0", e.Message);
        e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MarketCoordinator.RunAsync(SixAndFourCommunity(Settings(threshold: -1)), round));
        Assert.Contains("market.ThresholdCurrency must be > 0 currency, got -1", e.Message);
        e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MarketCoordinator.RunAsync(SixAndFourCommunity(Settings(maxIterations: 0)), round));
        Assert.Contains("market.MaxIterations", e.Message);
        var twice = Make([Member("seller", [2], [8]), Member("seller", [4], [0])], Settings());
        var a = await Assert.ThrowsAsync<ArgumentException>(() => MarketCoordinator.RunAsync(twice, round));
        Assert.Contains("prosumer \"seller\" appears twice", a.Message);
        var shortTariff = SixAndFourCommunity(Settings()) with { RetailPerKwh = [] };
        a = await Assert.ThrowsAsync<ArgumentException>(() => MarketCoordinator.RunAsync(shortTariff, round));
        Assert.Contains("RetailPerKwh has 0 values for 1 steps", a.Message);
        var inverted = SixAndFourCommunity(Settings()) with { RetailPerKwh = [0.01] };
        e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MarketCoordinator.RunAsync(inverted, round));
        Assert.Contains("step 0", e.Message);
        var lost = Make([Member("seller", [2], [8], "nowhere"), Member("buyer", [4], [0])], Settings());
        a = await Assert.ThrowsAsync<ArgumentException>(() => MarketCoordinator.RunAsync(lost, round));
        Assert.Contains("prosumer \"seller\": Node \"nowhere\" is not a node", a.Message);
    }

    [Fact]
    public async Task A_round_breaking_its_contract_is_an_error_and_cancellation_stops_the_run()
    {
        var community = SixAndFourCommunity(Settings());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => MarketCoordinator.RunAsync(community, new ShortRound()));
        Assert.Contains("returned 0 replies to 2 requests", e.Message);
        using var cts = new CancellationTokenSource();
        var round = new ResponderRound(new Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>>
        {
            ["seller"] = r => { if (r.Iteration == 2) cts.Cancel(); return Responders.Schedule(r, [-6], 1, 0); },
            ["buyer"] = Responders.Fixed([4], 1),
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MarketCoordinator.RunAsync(community, round, cts.Token));
        Assert.Equal(3, round.Calls.Count);
    }

    private sealed class ShortRound : IMarketRound
    {
        public Task<IReadOnlyList<ProsumerReply>> AskAsync(IReadOnlyList<ProsumerRequest> requests, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ProsumerReply>>([]);
    }

    /// <summary>Replaces one prosumer's reply by a refusal with a problem text.</summary>
    private sealed class RefusingRound(IMarketRound inner, string id, string problem) : IMarketRound
    {
        public async Task<IReadOnlyList<ProsumerReply>> AskAsync(IReadOnlyList<ProsumerRequest> requests, CancellationToken cancellationToken) =>
            (await inner.AskAsync(requests, cancellationToken)).Select(r => r.ProsumerId == id ? new ProsumerReply(id, null, problem) : r).ToArray();
    }
}

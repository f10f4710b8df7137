using Sems.Engine.Market;
using Sems.Engine.Model;
using static Sems.Engine.Tests.Market.Clearing.MarketCommunities;

namespace Sems.Engine.Tests.Market.Clearing;

/// <summary>The DSO step: prosumers under a node whose limit the market's schedules exceed are capped pro rata and asked again.</summary>
public sealed class MarketGridStepTests
{
    private static readonly IReadOnlyDictionary<string, Series> NoLimit = new Dictionary<string, Series>(StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, Series> Limit(params double[] kw) =>
        new Dictionary<string, Series>(StringComparer.Ordinal) { [Community.Electricity] = Series.Of(kw) };

    /// <summary>root → f1 (import ≤ 5 kW in step 0, 10 kW in step 1) with b1, b2; root → f2 (export ≤ 2 kW) with s1.</summary>
    private static GridTopology Feeders(bool limited = true) => new([
        new GridNode("root", null, NoLimit, NoLimit),
        new GridNode("f1", "root", limited ? Limit(5, 10) : NoLimit, NoLimit),
        new GridNode("f2", "root", NoLimit, limited ? Limit(2, 2) : NoLimit),
    ]);

    private static Prosumer[] Members() =>
    [
        Member("b1", [4, 4], [0, 0], "f1"),
        Member("b2", [4, 4], [0, 0], "f1"),
        Member("s1", [0, 0], [4, 4], "f2"),
    ];

    private static Dictionary<string, Func<ProsumerRequest, ProsumerSchedule?>> Flexible() => new()
    {
        // Stiff flexible prosumers (a = 100 EUR/kW²h): b1, b2 want 4 kW, s1 wants to export 4 kW; they obey caps.
        ["b1"] = Responders.Quadratic([4, 4], 100, 1),
        ["b2"] = Responders.Quadratic([4, 4], 100, 1),
        ["s1"] = Responders.Quadratic([-4, -4], 100, 1),
    };

    [Fact]
    public async Task Capped_prosumers_bring_an_over_limit_node_back_within_its_limits()
    {
        var round = new ResponderRound(Flexible());
        var outcome = await MarketCoordinator.RunAsync(Make(Members(), Settings(), Feeders()), round);

        // Summed from the settled schedules: f1's draw within 5 kW in step 0, f2's feed-in within 2 kW in both steps.
        var f1 = outcome.Final.Where(s => s.ProsumerId is "b1" or "b2").Sum(s => s.ImportKw[0] - s.ExportKw[0]);
        var f2 = outcome.Final.Single(s => s.ProsumerId == "s1");
        Assert.True(f1 <= 5 + 1e-6, $"f1 draws {f1} kW");
        Assert.True(f2.ExportKw[0] <= 2 + 1e-6 && f2.ExportKw[1] <= 2 + 1e-6, $"f2 feeds {f2.ExportKw[0]}, {f2.ExportKw[1]} kW");
        // Step 1 of f1 had room (8 < 10 kW): no one was held back there.
        Assert.True(outcome.Final.Where(s => s.ProsumerId is "b1" or "b2").All(s => s.ImportKw[1] > 3.9));

        // The caps sent: f1's excess shared pro rata between two equal importers x: x·(1 − (2x − 5)/2x) = 2.5 kW each;
        // step 1 carries each one's own connection limit (100 kW). s1's export cap: 2 kW in both steps.
        var capped = round.Calls[^1].ToDictionary(r => r.ProsumerId);
        Assert.Equal(2.5, capped["b1"].ImportCapKw![0], 1e-9);
        Assert.Equal(2.5, capped["b2"].ImportCapKw![0], 1e-9);
        Assert.Equal(100, capped["b1"].ImportCapKw![1]);
        Assert.Equal([2.0, 2.0], capped["s1"].ExportCapKw!.Select(c => Math.Round(c, 9)));
        Assert.Null(capped["s1"].ImportCapKw);
        Assert.All(capped.Values, r => Assert.Equal(outcome.FinalBuyPerKwh, r.BuyPerKwh)); // asked again at the final prices

        Assert.True(outcome.Grid.Holds, outcome.Grid.Summary);
        Assert.Equal(1, outcome.Grid.Rounds);
        Assert.Equal(["b1", "b2", "s1"], outcome.Grid.Capped);
        var node = outcome.Grid.Nodes.Single(n => n.NodeId == "f1");
        var before = outcome.Trace[^1]; // the market's last answers: b1 + b2 = 2·(4 − buy/100) in step 0
        var marketDraw = 2 * (4 - before.BuyPerKwh[0] / 100);
        Assert.Equal(marketDraw - 5, node.ImportExcessBeforeKwh, 1e-9);
        Assert.Equal(0, node.ImportExcessAfterKwh);
        Assert.Equal((1, 0), (node.StepsInExcessBefore, node.StepsInExcessAfter));
        Assert.Equal((1, 10.0), (node.PeakImportStep, node.ImportMaxAtPeakKw)); // after the step the peak is step 1's ≈ 8 kW
        var feeder2 = outcome.Grid.Nodes.Single(n => n.NodeId == "f2");
        Assert.Equal((2, 0), (feeder2.StepsInExcessBefore, feeder2.StepsInExcessAfter));
        Assert.Equal(2, feeder2.PeakExportKw, 1e-9);
        Assert.True(outcome.Settlement.BudgetBalanced);
    }

    [Fact]
    public async Task The_DSOs_limits_replace_the_communitys()
    {
        // The community's feeders have no limits; the DSO's override puts the same ones on them.
        var limits = new MarketGridLimits(
            new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal) { ["f1"] = [5, 10] },
            new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal) { ["f2"] = [2, 2] });
        var community = Make(Members(), Settings(), Feeders(limited: false));

        var free = await MarketCoordinator.RunAsync(community, new ResponderRound(Flexible()));
        var held = await MarketCoordinator.RunAsync(community, new ResponderRound(Flexible()), limits);

        Assert.Equal(0, free.Grid.Rounds);
        Assert.Equal("every node within its limits", free.Grid.Summary);
        Assert.True(free.Final.Where(s => s.ProsumerId is "b1" or "b2").Sum(s => s.ImportKw[0]) > 7.9);
        Assert.True(held.Grid.Holds, held.Grid.Summary);
        Assert.True(held.Final.Where(s => s.ProsumerId is "b1" or "b2").Sum(s => s.ImportKw[0]) <= 5 + 1e-6);
        var f1 = held.Grid.Nodes.Single(n => n.NodeId == "f1");
        Assert.Equal((1, 10.0), (f1.PeakImportStep, f1.ImportMaxAtPeakKw)); // the peak is step 1's ≈ 8 kW, under the DSO's 10 kW
        Assert.Null(free.Grid.Nodes.Single(n => n.NodeId == "f1").ImportMaxAtPeakKw);
    }

    [Fact]
    public async Task A_prosumer_that_cannot_meet_its_cap_keeps_its_schedule_and_the_excess_is_reported()
    {
        // b1 and b2 do not move (fixed 4 kW each): f1 stays 3 kW over its 5 kW in step 0. s1 cannot answer under caps.
        var responders = Flexible();
        responders["b1"] = Responders.Fixed([4, 4], 1);
        responders["b2"] = Responders.Fixed([4, 4], 1);
        var inner = responders["s1"];
        responders["s1"] = r => r.ExportCapKw is null ? inner(r) : null;
        var outcome = await MarketCoordinator.RunAsync(Make(Members(), Settings(), Feeders()), new ResponderRound(responders));

        Assert.False(outcome.Grid.Holds);
        var f1 = outcome.Grid.Nodes.Single(n => n.NodeId == "f1");
        Assert.Equal((3.0, 3.0), (f1.ImportExcessBeforeKwh, f1.ImportExcessAfterKwh));
        Assert.Equal(1, f1.StepsInExcessAfter);
        Assert.Equal(8, f1.PeakImportKw);
        var f2 = outcome.Grid.Nodes.Single(n => n.NodeId == "f2");
        Assert.True(f2.ExportExcessAfterKwh > 3.9, $"{f2.ExportExcessAfterKwh}"); // s1 still exports ≈ 4 kW in both steps (2 × 2 kWh over)
        var problem = Assert.Single(outcome.Grid.Problems);
        Assert.Equal("s1", problem.ProsumerId);
        Assert.Contains("timed out after 30 s; it keeps its schedule", problem.Problem);
        Assert.Contains("node \"f1\" exceeds its limits in 1 step by 3 kWh import", outcome.Grid.Summary);
        Assert.Contains("s1", outcome.Final.Select(s => s.ProsumerId)); // kept, not dropped
        Assert.Empty(outcome.Missing);
    }

    [Fact]
    public async Task Limits_on_an_unknown_node_are_refused_by_name()
    {
        var limits = new MarketGridLimits(
            new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal) { ["f9"] = [5, 10] },
            new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => MarketCoordinator.RunAsync(Make(Members(), Settings(), Feeders()), new ResponderRound(Flexible()), limits));
        Assert.Contains("\"f9\" is not a node", e.Message);
    }
}

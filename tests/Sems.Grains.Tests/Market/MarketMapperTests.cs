using Sems.Contracts.Market;
using Sems.Engine.Market;
using Sems.Engine.Model;
using Sems.Grains.Market;

namespace Sems.Grains.Tests.Market;

/// <summary>Engine → wire → engine keeps every value of a community, a request and a reply.</summary>
public sealed class MarketMapperTests
{
    private static Community Rich()
    {
        var battery = new ProsumerBattery(10, 4, 1, 3, 2.5, 0.95, 0.9, true);
        var dishwasher = new FlexibleLoad("dishwasher", [1.2, 0.8], 2, 5, 3, 0.15);
        var home = new Prosumer("home-1", "dwelling", "feeder-a", true, false, [0.5, 0.6, 0.7], [0, 2, 1], [7, 7, 7], [5, 5, 4], battery, [dishwasher]);
        var ems = new Prosumer("office", "tertiary", null, false, true, [], [], [], [], null, []);
        var grid = new GridTopology([
            new GridNode("sub", null, new Dictionary<string, Series> { ["electricity"] = Series.Of([100, 90, 80]) }, new Dictionary<string, Series>()),
            new GridNode("feeder-a", "sub", new Dictionary<string, Series>(), new Dictionary<string, Series> { ["electricity"] = Series.Of([8, 8, 6]) }),
        ]);
        var settings = new MarketSettings(MarketMechanism.Auction, 0.02, 12, 0.3, MissingProsumerPolicy.Wait, TimeSpan.FromSeconds(7.5));
        return new Community("bilbao", "Bilbao PED", "EUR", new DateTimeOffset(2022, 7, 14, 0, 0, 0, TimeSpan.FromHours(2)), 60, 3,
            [0.2, 0.3, 0.25], [0.05, 0.06, 0.04], [home, ems], grid, settings);
    }

    [Fact]
    public void A_community_keeps_every_field_through_its_wire_form()
    {
        var community = Rich();
        var back = MarketMapper.ToEngine(MarketMapper.ToWire(community));

        Assert.Equal(("bilbao", "Bilbao PED", "EUR", community.Start, 60, 3), (back.Name, back.Title, back.Currency, back.Start, back.StepMinutes, back.Steps));
        Assert.Equal([0.2, 0.3, 0.25], back.RetailPerKwh);
        Assert.Equal([0.05, 0.06, 0.04], back.FeedInPerKwh);
        Assert.Equal(community.Market, back.Market);
        Assert.Equal(["sub", "feeder-a"], back.Grid.Nodes.Select(n => n.Id));
        Assert.Equal("sub", back.Grid.Nodes[1].Parent);
        Assert.Equal([100.0, 90, 80], back.Grid.Nodes[0].ImportMaxKw["electricity"]);
        Assert.Equal([8.0, 8, 6], back.Grid.Nodes[1].ExportMaxKw["electricity"]);
        Assert.Empty(back.Grid.Nodes[1].ImportMaxKw);

        var home = back.Prosumers[0];
        Assert.Equal(("home-1", "dwelling", "feeder-a", true, false), (home.Id, home.Kind, home.Node, home.Virtual, home.External));
        Assert.Equal([0.5, 0.6, 0.7], home.LoadKw);
        Assert.Equal([0.0, 2, 1], home.PvKw);
        Assert.Equal([7.0, 7, 7], home.ImportMaxKw);
        Assert.Equal([5.0, 5, 4], home.ExportMaxKw);
        Assert.Equal(new ProsumerBattery(10, 4, 1, 3, 2.5, 0.95, 0.9, true), home.Battery);
        var load = Assert.Single(home.FlexibleLoads);
        Assert.Equal(("dishwasher", 2, 5, 3, 0.15), (load.Id, load.EarliestStartStep, load.LatestEndStep, load.PreferredStartStep, load.DelayCostPerStep));
        Assert.Equal([1.2, 0.8], load.ProfileKw);

        var ems = back.Prosumers[1];
        Assert.Equal(("office", "tertiary", null, false, true), (ems.Id, ems.Kind, ems.Node, ems.Virtual, ems.External));
        Assert.Null(ems.Battery);
        Assert.Empty(ems.LoadKw);
    }

    [Fact]
    public void The_wire_names_of_the_options_are_the_files()
    {
        var wire = MarketMapper.ToWire(Rich());
        Assert.Equal(("auction", "wait", 7.5), (wire.Market.Mechanism, wire.Market.OnMissing, wire.Market.ResponseTimeout.TotalSeconds));
        Assert.Equal(MarketMechanism.Sdr, MarketMapper.Mechanism("sdr"));
        Assert.Equal(MissingProsumerPolicy.SettleWithout, MarketMapper.OnMissing("settleWithout"));
        Assert.Null(MarketMapper.Mechanism("SDR"));
        var e = Assert.Throws<ArgumentException>(() => MarketMapper.ToEngine(wire with { Market = wire.Market with { Mechanism = "vickrey" } }));
        Assert.Contains("market.mechanism: \"vickrey\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_community_without_grid_nodes_gets_one_root_named_after_it()
    {
        var wire = MarketMapper.ToWire(Rich()) with { Grid = [] };
        var grid = MarketMapper.Grid(wire);
        Assert.Equal("bilbao", Assert.Single(grid.Nodes).Id);
        Assert.Empty(grid.Root.ImportMaxKw);
    }

    [Fact]
    public void A_request_and_its_reply_keep_their_values_and_the_absent_caps()
    {
        var capped = new ProsumerRequest("home-1", 4, [0.2, 0.3], [0.05, 0.06], [3, 2.5], null);
        var wire = MarketMapper.ToWire(capped, 15);
        Assert.Equal(15, wire.StepMinutes);
        var back = MarketMapper.ToEngine(wire);
        Assert.Equal(("home-1", 4), (back.ProsumerId, back.Iteration));
        Assert.Equal([0.2, 0.3], back.BuyPerKwh);
        Assert.Equal([0.05, 0.06], back.SellPerKwh);
        Assert.Equal([3, 2.5], back.ImportCapKw!);
        Assert.Null(back.ExportCapKw);

        var reply = new ProsumerReply("home-1", new ProsumerSchedule("home-1", 4, [1, 0], [0, 2], 0.08, 0.15), null);
        var replyBack = MarketMapper.ToEngine(MarketMapper.ToWire(reply));
        var s = replyBack.Schedule!;
        Assert.Equal(("home-1", 4, 0.08, 0.15), (s.ProsumerId, s.Iteration, s.EnergyCost, s.DiscomfortCost));
        Assert.Equal([1.0, 0], s.ImportKw);
        Assert.Equal([0.0, 2], s.ExportKw);
        Assert.Null(replyBack.Problem);

        var failed = MarketMapper.ToEngine(MarketMapper.ToWire(new ProsumerReply("x", null, "infeasible at step 3: 1.5 kW short")));
        Assert.Null(failed.Schedule);
        Assert.Equal("infeasible at step 3: 1.5 kW short", failed.Problem);
    }

    [Fact]
    public void The_coordinator_names_every_structural_problem_of_a_definition()
    {
        var wire = MarketMapper.ToWire(Rich());
        var home = wire.Prosumers[0];
        var bad = wire with
        {
            RetailPerKwh = [0.2, 0.3],
            Prosumers = [home with { Node = "feeder-z", LoadKw = [1, 1] }, home],
            Market = wire.Market with { Damping = 0 },
        };
        var problems = MarketDefinitions.Problems(bad, "other");
        Assert.Contains("name: \"bilbao\" is not this coordinator's community \"other\"", problems);
        Assert.Contains("tariff.retail: 2 values where the horizon has 3 steps", problems);
        Assert.Contains("market.damping: 0 must lie in (0, 1]", problems);
        Assert.Contains("prosumers[0].node: \"feeder-z\" is not a node of the grid", problems);
        Assert.Contains("prosumers[0].loadKw: 2 values where the horizon has 3 steps", problems);
        Assert.Contains("prosumers[1].id: \"home-1\" is used twice", problems);
        Assert.Empty(MarketDefinitions.Problems(wire, "bilbao"));
    }
}

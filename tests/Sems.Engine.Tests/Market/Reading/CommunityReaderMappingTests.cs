using System.Text.Json.Nodes;
using Sems.Engine.Market;
using Sems.Engine.Tests.Districts;

namespace Sems.Engine.Tests.Market.Reading;

/// <summary>A valid community file maps field by field onto the shared records; omitted fields take the documented defaults.</summary>
public sealed class CommunityReaderMappingTests
{
    private static CommunityReadResult Read(JsonObject file) => CommunityReader.Read(file.ToText());

    [Fact]
    public void The_baseline_maps_every_top_level_field_the_tariff_the_grid_and_the_market_block()
    {
        var community = CommunityReadAssert.Valid(Read(CommunityJson.Baseline()));

        Assert.Equal("riverside-market", community.Name);
        Assert.Equal("Riverside local market", community.Title);
        Assert.Equal("EUR", community.Currency);
        Assert.Equal(new DateTimeOffset(2022, 6, 15, 0, 0, 0, TimeSpan.Zero), community.Start);
        Assert.Equal(60, community.StepMinutes);
        Assert.Equal(4, community.Steps);
        Assert.Equal(1.0, community.StepHours);
        Assert.Equal([0.30, 0.25, 0.20, 0.28], community.RetailPerKwh);
        Assert.Equal([0.05, 0.05, 0.05, 0.05], community.FeedInPerKwh);

        Assert.Equal(["substation", "feeder-a"], community.Grid.Nodes.Select(n => n.Id));
        Assert.Null(community.Grid.Root.Parent);
        Assert.Equal([100.0, 100, 100, 100], community.Grid.Root.ImportMaxKw[Community.Electricity]);
        Assert.Equal([40.0, 40, 40, 40], community.Grid.Root.ExportMaxKw[Community.Electricity]);
        var feeder = community.Grid.Nodes[1];
        Assert.Equal("substation", feeder.Parent);
        Assert.Empty(feeder.ImportMaxKw);
        Assert.Equal([10.0, 20, 30, 40], feeder.ExportMaxKw[Community.Electricity]);

        Assert.Equal(new MarketSettings(MarketMechanism.Auction, 0.05, 12, 0.8, MissingProsumerPolicy.Wait, TimeSpan.FromMilliseconds(7500)) { PriceTolerancePerKwh = 0.002 }, community.Market);
    }

    [Fact]
    public void A_prosumer_with_assets_maps_its_series_battery_and_flexible_load()
    {
        var community = CommunityReadAssert.Valid(Read(CommunityJson.Baseline()));

        Assert.Equal(["home-1", "office", "ems-3"], community.Prosumers.Select(p => p.Id));
        var home = community.Prosumers[0];
        Assert.Equal("dwelling", home.Kind);
        Assert.Equal("feeder-a", home.Node);
        Assert.True(home.Virtual);
        Assert.False(home.External);
        Assert.Equal([1.0, 2, 3, 4], home.LoadKw);
        Assert.Equal([0.0, 5, 6, 0], home.PvKw);
        Assert.Equal([10.0, 10, 10, 10], home.ImportMaxKw);
        Assert.Equal([8.0, 8, 8, 8], home.ExportMaxKw);
        Assert.Equal(new ProsumerBattery(10, 5, 1, 3, 4, 0.95, 0.9, EndAtLeastInitial: true), home.Battery);
        var dishwasher = Assert.Single(home.FlexibleLoads);
        Assert.Equal("dishwasher", dishwasher.Id);
        Assert.Equal([1.2, 0.8], dishwasher.ProfileKw);
        Assert.Equal((1, 3, 1, 0.1), (dishwasher.EarliestStartStep, dishwasher.LatestEndStep, dishwasher.PreferredStartStep, dishwasher.DelayCostPerStep));
    }

    [Fact]
    public void A_bare_prosumer_gets_no_pv_no_battery_no_flexible_load_and_the_root()
    {
        var office = CommunityReadAssert.Valid(Read(CommunityJson.Baseline())).Prosumers[1];

        Assert.Equal("tertiary", office.Kind);
        Assert.Null(office.Node);
        Assert.False(office.Virtual);
        Assert.False(office.External);
        Assert.Equal([20.0, 20, 20, 20], office.LoadKw);
        Assert.Equal([0.0, 0, 0, 0], office.PvKw);
        Assert.Equal([50.0, 50, 50, 50], office.ImportMaxKw);
        Assert.Equal([0.0, 0, 0, 0], office.ExportMaxKw);
        Assert.Null(office.Battery);
        Assert.Empty(office.FlexibleLoads);
    }

    [Fact]
    public void An_external_prosumer_has_empty_asset_fields_and_keeps_the_connection_limits_it_gives()
    {
        var external = CommunityReadAssert.Valid(Read(CommunityJson.Baseline())).Prosumers[2];

        Assert.True(external.External);
        Assert.Equal("substation", external.Node);
        Assert.Empty(external.LoadKw);
        Assert.Empty(external.PvKw);
        Assert.Equal([12.0, 12, 12, 12], external.ImportMaxKw);
        Assert.Empty(external.ExportMaxKw);
        Assert.Null(external.Battery);
        Assert.Empty(external.FlexibleLoads);
    }

    [Fact]
    public void Omitted_fields_take_the_documented_defaults()
    {
        var community = CommunityReadAssert.Valid(Read(CommunityJson.Minimal()));

        Assert.Null(community.Title);
        Assert.Null(community.Currency);
        Assert.Null(community.Start);
        Assert.Equal(60, community.StepMinutes);
        Assert.Equal(24, community.Steps);
        Assert.Equal(Enumerable.Repeat(0.3, 24), community.RetailPerKwh);
        Assert.Equal(Enumerable.Repeat(0.1, 24), community.FeedInPerKwh);
        var root = Assert.Single(community.Grid.Nodes);
        Assert.Equal("tiny", root.Id);
        Assert.Empty(root.ImportMaxKw);
        Assert.Empty(root.ExportMaxKw);
        Assert.Equal(new MarketSettings(MarketMechanism.Sdr, 0.01, 30, 0.5, MissingProsumerPolicy.SettleWithout, TimeSpan.FromSeconds(30)), community.Market);
        var p = Assert.Single(community.Prosumers);
        Assert.Equal(Enumerable.Repeat(0.0, 24), p.PvKw);
        Assert.False(p.Virtual);
    }

    [Fact]
    public void Battery_and_flexible_load_defaults_are_an_ideal_battery_without_terminal_rule_and_a_free_start_at_the_earliest_step()
    {
        var file = CommunityJson.Baseline();
        foreach (var field in new[] { "socMinKwh", "chargeEfficiency", "dischargeEfficiency", "terminal" }) file.Without($"prosumers[0].battery.{field}");
        file.Without("prosumers[0].flexibleLoads[0].preferredStartStep").Without("prosumers[0].flexibleLoads[0].delayCostPerStep");

        var home = CommunityReadAssert.Valid(Read(file)).Prosumers[0];

        Assert.Equal(new ProsumerBattery(10, 5, 0, 3, 4, 1, 1, EndAtLeastInitial: false), home.Battery);
        Assert.Equal((1, 0.0), (home.FlexibleLoads[0].PreferredStartStep, home.FlexibleLoads[0].DelayCostPerStep));
    }

    [Fact]
    public void A_prosumer_may_name_the_root_of_a_file_without_grid_by_the_community_name()
    {
        var file = CommunityJson.Minimal().Set("prosumers[0].node", "tiny");

        Assert.Equal("tiny", CommunityReadAssert.Valid(Read(file)).Prosumers[0].Node);
    }

    [Fact]
    public void Quarter_hour_steps_take_series_of_the_horizon_length()
    {
        var file = CommunityJson.Minimal().Set("stepMinutes", 15).Set("horizonSteps", 96)
            .Set("prosumers[0].loadKw", new JsonArray(Enumerable.Range(0, 96).Select(k => (JsonNode?)JsonValue.Create(k % 4 * 0.5)).ToArray()));

        var community = CommunityReadAssert.Valid(Read(file));

        Assert.Equal(0.25, community.StepHours);
        Assert.Equal(96, community.Prosumers[0].LoadKw.Count);
        Assert.Equal(1.5, community.Prosumers[0].LoadKw[95]);
    }

    [Fact]
    public void An_unknown_field_is_a_warning_naming_it_and_the_file_stays_valid()
    {
        var result = Read(CommunityJson.Baseline().Set("prosumers[1].colour", "blue"));

        CommunityReadAssert.Valid(result);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("prosumers[1].colour", warning.Path);
        Assert.Contains("is not a field of this object", warning.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_read_the_same_as_text()
    {
        var text = CommunityJson.Baseline().ToText();

        var fromBytes = CommunityReadAssert.Valid(CommunityReader.Read(System.Text.Encoding.UTF8.GetBytes(text).AsMemory()));

        Assert.Equal(CommunityReadAssert.Valid(CommunityReader.Read(text)).Prosumers[0].LoadKw, fromBytes.Prosumers[0].LoadKw);
        Assert.Equal(3, fromBytes.Prosumers.Count);
    }
}

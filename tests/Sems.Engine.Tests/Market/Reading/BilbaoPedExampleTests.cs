using System.Globalization;
using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market.Reading;

/// <summary>
/// examples/market/bilbao-ped.json is a valid community file, and its series are the copied real data: each check
/// recomputes a series here from the CSV slices in examples/data/market (a second implementation of the generator's
/// arithmetic) and compares it with what the reader read.
/// </summary>
public sealed class BilbaoPedExampleTests
{
    private static readonly Community Ped = CommunityReadAssert.Valid(CommunityReader.ReadFile(ExampleCommunities.Path("bilbao-ped.json")));

    private static Prosumer Member(string id) => Ped.Prosumers.Single(p => p.Id == id);

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void It_has_four_tertiary_buildings_with_virtual_pv_and_two_dwellings_on_a_substation_with_two_feeders()
    {
        Assert.Equal((60, 24, "GBP"), (Ped.StepMinutes, Ped.Steps, Ped.Currency));
        Assert.Equal(new DateTimeOffset(2022, 6, 21, 0, 0, 0, TimeSpan.Zero), Ped.Start);
        Assert.Equal(4, Ped.Prosumers.Count(p => p.Kind == "tertiary" && p.Virtual));
        Assert.Equal(2, Ped.Prosumers.Count(p => p.Kind == "dwelling"));
        Assert.Equal(["substation", "feeder-north", "feeder-south"], Ped.Grid.Nodes.Select(n => n.Id));
        Assert.Equal(2, Ped.Prosumers.Count(p => p.Battery is not null));
        Assert.Equal(3, Ped.Prosumers.Sum(p => p.FlexibleLoads.Count));
    }

    [Fact]
    public void The_retail_price_is_the_agile_price_of_the_day_and_feed_in_is_below_it()
    {
        var day = ExampleCommunities.DataLines("agile_import_price_eastern_england_2022-06-20_to_24.csv")
            .Where(l => l.StartsWith("2022-06-21", StringComparison.Ordinal)).Select(l => Parse(l.Split(',')[1])).ToList();

        Assert.Equal(day, Ped.RetailPerKwh);
        Assert.All(Enumerable.Range(0, 24), t => Assert.True(Ped.FeedInPerKwh[t] < Ped.RetailPerKwh[t]));
    }

    [Fact]
    public void A_building_has_its_measured_load_and_pv_sized_from_the_per_kwp_profile()
    {
        var lines = ExampleCommunities.DataLines("cambridge_electricity_2022-06-20_to_24.csv");
        var column = Array.IndexOf(lines[0].Split(','), "b57");
        var load = lines.Where(l => l.StartsWith("2022-06-21", StringComparison.Ordinal)).Select(l => Parse(l.Split(',')[column])).ToList();

        // The half-hour values are labelled by their end: the hour from 12:00 is the mean of those ending 12:30 and 13:00 (k = 25, 26).
        var bath = ExampleCommunities.DataLines("bath_pv_yield_2017-06-19_to_24.csv").Single(l => l.StartsWith("2017-06-21", StringComparison.Ordinal)).Split(',');
        var noonPerKwp = (Parse(bath[1 + 25]) + Parse(bath[1 + 26])) / 2;

        var b57 = Member("building-b57");
        Assert.Equal(load, b57.LoadKw);
        Assert.Equal(80 * noonPerKwp, b57.PvKw[12], 3);
        Assert.Equal(0, b57.PvKw[0]);
    }

    [Fact]
    public void A_dwelling_has_its_measured_load_and_pv_at_the_local_hour()
    {
        var lines = ExampleCommunities.DataLines("fontana_homes_2017-06-19_to_23.csv");
        var header = lines[0].Split(',');
        var wednesday = lines.Skip(1).Select(l => l.Split(',')).Where(r => r[3] == "3").ToList();
        var load = wednesday.Select(r => Parse(r[Array.IndexOf(header, "load_8")])).ToList();
        var pvKw = wednesday.Select(r => 4.0 * Parse(r[Array.IndexOf(header, "solar_8")]) / 1000).ToList();

        var home = Member("home-8");
        Assert.Equal(24, wednesday.Count);
        Assert.All(Enumerable.Range(0, 24), t => Assert.Equal(load[t], home.LoadKw[t], 3));
        Assert.All(Enumerable.Range(0, 24), t => Assert.Equal(pvKw[t], home.PvKw[t], 3));
        Assert.True(home.Virtual); // its battery is virtual
        Assert.False(Member("home-3").Virtual); // metered load and PV only
    }

    [Fact]
    public void The_north_feeder_export_limit_binds_at_noon()
    {
        var feeder = Ped.Grid.Nodes.Single(n => n.Id == "feeder-north");
        var limitKw = feeder.ExportMaxKw[Community.Electricity][12];
        var north = Ped.Prosumers.Where(p => p.Node == "feeder-north").ToList();

        // Batteries idle and no flexible load runs at 12:00 (their preferred starts are 18:00-20:00).
        var netExportKw = north.Sum(p => p.PvKw[12] - p.LoadKw[12]);

        Assert.Equal(40, limitKw);
        Assert.True(netExportKw > limitKw, $"net export {netExportKw} kW");
        Assert.All(north.SelectMany(p => p.FlexibleLoads), f => Assert.True(f.PreferredStartStep > 12));
    }
}

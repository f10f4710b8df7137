using System.Text.Json.Nodes;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Xunit;

namespace Sems.Engine.Tests.Districts;

/// <summary>
/// The district file's <c>grid</c> and a subsystem's <c>node</c>: the tree is read root first, the root's limits are the
/// district limits, and each tree rule refuses a file with one error at the field, naming the value.
/// </summary>
public sealed class GridTopologyReaderTests
{
    private static DistrictReadResult Read(JsonObject district) => ReadAssert.Read(district);

    private static JsonObject Node(string id, string? parent = null, JsonObject? limits = null)
    {
        var node = new JsonObject { ["id"] = id };
        if (parent is not null) node["parent"] = parent;
        if (limits is not null) node["limits"] = limits;
        return node;
    }

    private static JsonObject Import(JsonNode electricityKw) => new() { ["electricity"] = new JsonObject { ["importMax"] = electricityKw } };

    /// <summary>The baseline (districtLimits removed) under a substation with two feeders.</summary>
    private static JsonObject TwoFeeders(params JsonObject[] nodes) =>
        DistrictJson.Baseline().Without("districtLimits").Set("grid", new JsonObject { ["nodes"] = new JsonArray(nodes) });

    private static JsonObject[] SubstationAndFeeders() =>
    [
        Node("substation", null, Import(900)),
        Node("feeder-a", "substation", Import(120)),
        Node("feeder-b", "substation"),
    ];

    [Fact]
    public void Without_a_grid_the_district_has_one_root_named_after_it_holding_the_district_limits()
    {
        var result = Read(DistrictJson.Baseline());

        ReadAssert.Valid(result);
        var grid = result.District!.Grid;
        var root = Assert.Single(grid.Nodes);
        Assert.Equal("riverside", root.Id);
        Assert.Null(root.Parent);
        Assert.Equal(["electricity"], root.ImportMaxKw.Keys);
        Assert.Equal(Enumerable.Repeat(250.0, 96), root.ImportMaxKw["electricity"]);
        Assert.Empty(root.ExportMaxKw);
        Assert.All(result.District.Subsystems, s => Assert.Null(s.Node));
        Assert.Equal(new CoordinationSettings(CoordinationMode.Priority, 10), result.District.Coordination);
    }

    [Fact]
    public void Nodes_are_ordered_root_first_and_parents_before_children_siblings_in_file_order()
    {
        var result = Read(TwoFeeders(
            Node("feeder-b", "substation"),
            Node("building-1", "feeder-a"),
            Node("substation", null, Import(900)),
            Node("feeder-a", "substation")));

        ReadAssert.Valid(result);
        var grid = result.District!.Grid;
        Assert.Equal(["substation", "feeder-b", "feeder-a", "building-1"], grid.Nodes.Select(n => n.Id));
        Assert.Equal([null, "substation", "substation", "feeder-a"], grid.Nodes.Select(n => n.Parent));
        Assert.Equal([3, 2, 0], grid.PathToRoot(grid.IndexOf("building-1")));
    }

    [Fact]
    public void Node_limits_are_read_as_series_in_kW_and_the_root_import_limit_becomes_the_district_limit()
    {
        var feederA = DistrictJson.Generate(i => i < 48 ? 100 : 140);
        var result = Read(TwoFeeders(
                Node("substation", null, new JsonObject
                {
                    ["electricity"] = new JsonObject { ["importMax"] = 900, ["exportMax"] = 300 },
                    ["gas"] = new JsonObject { ["importMax"] = 400 },
                }),
                Node("feeder-a", "substation", Import(DistrictJson.Array(feederA))),
                Node("feeder-b", "substation"))
            .Set("subsystems[1].node", "feeder-a"));

        ReadAssert.Valid(result);
        var district = result.District!;
        Assert.Equal(Enumerable.Repeat(900.0, 96), district.DistrictLimits["electricity"]);
        Assert.Equal(Enumerable.Repeat(400.0, 96), district.DistrictLimits["gas"]);
        Assert.Equal(2, district.DistrictLimits.Count);
        var feeder = district.Grid.Nodes[district.Grid.IndexOf("feeder-a")];
        Assert.Equal(100.0, feeder.ImportMaxKw["electricity"][47]);
        Assert.Equal(140.0, feeder.ImportMaxKw["electricity"][48]);
        Assert.Empty(district.Grid.Nodes[district.Grid.IndexOf("feeder-b")].ImportMaxKw);
        Assert.Equal(Enumerable.Repeat(300.0, 96), district.Grid.Root.ExportMaxKw["electricity"]);
        Assert.Null(district.Subsystems[0].Node);
        Assert.Equal("feeder-a", district.Subsystems[1].Node);
    }

    [Fact]
    public void District_limits_and_a_grid_merge_into_the_root_when_they_name_different_resources()
    {
        var result = Read(DistrictJson.Baseline()
            .Set("grid", new JsonObject
            {
                ["nodes"] = new JsonArray(
                    Node("substation", null, new JsonObject { ["gas"] = new JsonObject { ["importMax"] = 400 } }),
                    Node("feeder-a", "substation", Import(120))),
            }));

        ReadAssert.Valid(result);
        var district = result.District!;
        Assert.Equal(Enumerable.Repeat(250.0, 96), district.DistrictLimits["electricity"]);
        Assert.Equal(Enumerable.Repeat(400.0, 96), district.DistrictLimits["gas"]);
        Assert.Equal(Enumerable.Repeat(250.0, 96), district.Grid.Root.ImportMaxKw["electricity"]);
        Assert.Equal(Enumerable.Repeat(400.0, 96), district.Grid.Root.ImportMaxKw["gas"]);
    }

    [Fact]
    public void District_limits_and_the_root_import_limit_of_the_same_resource_may_not_both_be_given()
    {
        var result = Read(TwoFeeders(SubstationAndFeeders()).Set("districtLimits", new JsonObject { ["electricity"] = 250 }));

        ReadAssert.OnlyError(result, "grid.nodes[0].limits.electricity.importMax", "900", "districtLimits.electricity", "\"substation\"", "give one of them");
    }

    [Fact]
    public void A_second_node_without_parent_is_refused_as_a_second_root()
    {
        var nodes = SubstationAndFeeders();
        nodes[2].Remove("parent");

        ReadAssert.OnlyError(Read(TwoFeeders(nodes)), "grid.nodes[2].parent", "is missing", "\"feeder-b\"", "second root", "\"substation\"");
    }

    [Fact]
    public void A_grid_whose_every_node_has_a_parent_has_no_root_and_names_the_cycle()
    {
        var result = Read(TwoFeeders(Node("a", "b"), Node("b", "a")));

        ReadAssert.Reported(result, "grid.nodes", "an array of 2", "has no root");
        ReadAssert.Reported(result, "grid.nodes[0].parent", "\"b\"", "closes a cycle \"a\" → \"b\" → \"a\"");
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void A_cycle_beside_the_root_is_named_node_by_node_from_its_first_node_in_the_file()
    {
        // x's parent is z, z's is y, y's is x: x → z → y → x.
        var result = Read(TwoFeeders(Node("substation", null, Import(900)), Node("x", "z"), Node("y", "x"), Node("z", "y")));

        ReadAssert.OnlyError(result, "grid.nodes[1].parent", "\"z\"", "closes a cycle \"x\" → \"z\" → \"y\" → \"x\"");
    }

    [Fact]
    public void A_node_that_is_its_own_parent_is_a_cycle_of_one()
    {
        var result = Read(TwoFeeders(Node("substation", null, Import(900)), Node("loop", "loop")));

        ReadAssert.OnlyError(result, "grid.nodes[1].parent", "\"loop\"", "closes a cycle \"loop\" → \"loop\"");
    }

    [Fact]
    public void A_parent_that_is_no_node_is_refused_listing_the_ids()
    {
        var nodes = SubstationAndFeeders();
        nodes[2]["parent"] = "feeder-x";

        ReadAssert.OnlyError(Read(TwoFeeders(nodes)), "grid.nodes[2].parent", "\"feeder-x\" is not a node id", "\"substation\", \"feeder-a\", \"feeder-b\"");
    }

    [Fact]
    public void A_repeated_node_id_is_refused_at_the_second()
    {
        var result = Read(TwoFeeders([.. SubstationAndFeeders(), Node("feeder-a", "substation")]));

        ReadAssert.OnlyError(result, "grid.nodes[3].id", "\"feeder-a\"", "duplicates grid.nodes[1].id");
    }

    [Theory]
    [InlineData("feeder a")]
    [InlineData("../feeder")]
    [InlineData("-feeder")]
    public void A_node_id_follows_the_id_rule(string id)
    {
        var nodes = SubstationAndFeeders();
        nodes[2]["id"] = id;

        ReadAssert.OnlyError(Read(TwoFeeders(nodes)), "grid.nodes[2].id", Quoted(id), Identifier.Rule);
    }

    [Fact]
    public void A_node_without_an_id_is_refused()
    {
        var nodes = SubstationAndFeeders();
        nodes[2].Remove("id");

        ReadAssert.OnlyError(Read(TwoFeeders(nodes)), "grid.nodes[2].id", "is missing");
    }

    [Fact]
    public void An_empty_or_missing_node_list_is_refused()
    {
        ReadAssert.OnlyError(Read(TwoFeeders()), "grid.nodes", "an empty array", "has no node");
        ReadAssert.OnlyError(Read(DistrictJson.Baseline().Set("grid", new JsonObject())), "grid.nodes", "is missing");
        ReadAssert.OnlyError(Read(DistrictJson.Baseline().Set("grid", new JsonArray())), "grid", "an array of 0", "is not an object");
    }

    [Fact]
    public void A_node_that_is_no_object_or_a_parent_that_is_no_string_is_refused_at_its_field()
    {
        var result = Read(DistrictJson.Baseline().Set("grid", new JsonObject { ["nodes"] = new JsonArray(Node("substation"), 5) }));
        ReadAssert.OnlyError(result, "grid.nodes[1]", "5", "is not an object");

        var nodes = SubstationAndFeeders();
        nodes[2]["parent"] = 7;
        ReadAssert.OnlyError(Read(TwoFeeders(nodes)), "grid.nodes[2].parent", "7", "is not a string");
    }

    [Fact]
    public void A_subsystem_node_must_be_a_node_of_the_grid()
    {
        var result = Read(TwoFeeders(SubstationAndFeeders()).Set("subsystems[1].node", "feeder-z"));

        ReadAssert.OnlyError(result, "subsystems[1].node", "\"feeder-z\"", "is not a node id of the grid", "\"feeder-a\"");
    }

    [Fact]
    public void A_subsystem_node_follows_the_id_rule()
    {
        var result = Read(TwoFeeders(SubstationAndFeeders()).Set("subsystems[0].node", "feeder/a"));

        ReadAssert.OnlyError(result, "subsystems[0].node", "\"feeder/a\"", Identifier.Rule);
    }

    [Fact]
    public void Without_a_grid_a_subsystem_may_name_only_the_root_named_after_the_district()
    {
        ReadAssert.OnlyError(Read(DistrictJson.Baseline().Set("subsystems[1].node", "feeder-a")),
            "subsystems[1].node", "\"feeder-a\"", "the file has no grid", "the root \"riverside\"");

        var atRoot = Read(DistrictJson.Baseline().Set("subsystems[1].node", "riverside"));
        ReadAssert.Valid(atRoot);
        Assert.Equal("riverside", atRoot.District!.Subsystems[1].Node);
    }

    [Fact]
    public void A_node_limit_on_a_resource_no_supply_draws_is_refused_as_a_district_limit_is()
    {
        var nodes = SubstationAndFeeders();
        nodes[1]["limits"] = new JsonObject { ["hydrogen"] = new JsonObject { ["importMax"] = 50 } };
        var asNode = ReadAssert.OnlyError(Read(TwoFeeders(nodes)), "grid.nodes[1].limits.hydrogen", "\"hydrogen\"", "is not a resource that any supply draws");

        var asDistrictLimit = ReadAssert.OnlyError(Read(DistrictJson.Baseline().Set("districtLimits.hydrogen", 50)), "districtLimits.hydrogen");
        Assert.Equal(asDistrictLimit.Value, asNode.Value);
        Assert.Equal(asDistrictLimit.Rule, asNode.Rule);
    }

    [Fact]
    public void A_node_limit_is_a_series_of_kW_at_least_0()
    {
        var negative = SubstationAndFeeders();
        negative[1]["limits"] = Import(DistrictJson.Array(DistrictJson.Generate(i => i == 3 ? -5 : 100)));
        ReadAssert.OnlyError(Read(TwoFeeders(negative)), "grid.nodes[1].limits.electricity.importMax[3]", "-5", "is negative", "kW ≥ 0");

        var shortSeries = SubstationAndFeeders();
        shortSeries[1]["limits"] = Import(DistrictJson.Array(DistrictJson.Generate(_ => 100, 95)));
        ReadAssert.OnlyError(Read(TwoFeeders(shortSeries)), "grid.nodes[1].limits.electricity.importMax", "an array of 95 numbers", "exactly 96 numbers");

        var export = SubstationAndFeeders();
        export[2]["limits"] = new JsonObject { ["electricity"] = new JsonObject { ["exportMax"] = -1 } };
        ReadAssert.OnlyError(Read(TwoFeeders(export)), "grid.nodes[2].limits.electricity.exportMax", "-1", "is negative");

        var huge = SubstationAndFeeders();
        huge[0]["limits"] = Import(2e7);
        ReadAssert.OnlyError(Read(TwoFeeders(huge)), "grid.nodes[0].limits.electricity.importMax", "20000000", "1e7 kW");
    }

    [Fact]
    public void Unknown_fields_of_the_grid_its_nodes_and_their_limits_are_warned_and_ignored()
    {
        var nodes = SubstationAndFeeders();
        nodes[1]["limit"] = 5;
        nodes[0]["limits"]!["electricity"]!["import"] = 5;
        var result = Read(TwoFeeders(nodes).Set("grid.node", new JsonArray()));

        ReadAssert.Valid(result);
        Assert.Equal(
            ["grid.node", "grid.nodes[0].limits.electricity.import", "grid.nodes[1].limit"],
            result.Warnings.Select(w => w.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Warnings, w => Assert.Contains("is not a field of this object and is ignored", w.Rule, StringComparison.Ordinal));
    }

    [Fact]
    public void The_messages_read_word_for_word_as_the_format_document_shows_them()
    {
        static string Only(DistrictReadResult result) => Assert.Single(result.Errors).ToString();

        var feederX = SubstationAndFeeders();
        feederX[2]["parent"] = "feeder-x";
        Assert.Equal("grid.nodes[2].parent: \"feeder-x\" is not a node id (ids: \"substation\", \"feeder-a\", \"feeder-b\")", Only(Read(TwoFeeders(feederX))));

        var twoRoots = SubstationAndFeeders();
        twoRoots[2].Remove("parent");
        Assert.Equal("grid.nodes[2].parent: is missing: \"feeder-b\" would be a second root beside \"substation\" (grid.nodes[0]); exactly one node has no parent",
            Only(Read(TwoFeeders(twoRoots))));

        Assert.Equal("grid.nodes[1].parent: \"z\" closes a cycle \"x\" → \"z\" → \"y\" → \"x\" (each node's parent is the next): the grid must be a tree whose parents lead to one root",
            Only(Read(TwoFeeders(Node("substation", null, Import(900)), Node("x", "z"), Node("y", "x"), Node("z", "y")))));

        Assert.Equal("grid.nodes[3].id: \"feeder-a\" duplicates grid.nodes[1].id: node ids must be unique",
            Only(Read(TwoFeeders([.. SubstationAndFeeders(), Node("feeder-a", "substation")]))));

        Assert.Equal("grid.nodes[0].limits.electricity.importMax: 900 is given as well as districtLimits.electricity: both are the import limit of the root \"substation\"; give one of them",
            Only(Read(TwoFeeders(SubstationAndFeeders()).Set("districtLimits", new JsonObject { ["electricity"] = 250 }))));

        Assert.Equal("subsystems[1].node: \"feeder-z\" is not a node id of the grid (ids: \"substation\", \"feeder-a\", \"feeder-b\")",
            Only(Read(TwoFeeders(SubstationAndFeeders()).Set("subsystems[1].node", "feeder-z"))));
    }

    private static string Quoted(string text) => "\"" + text + "\"";
}

using Sems.Contracts.Definitions;
using Sems.Engine.Districts;
using Sems.Engine.Model;

namespace Sems.Grains.Tests;

/// <summary>
/// The grid, a subsystem's node and the coordination mode on the wire: engine → wire → engine gives the same tree and
/// limits, and a definition a client sends with a broken tree is refused naming the node's field and value.
/// </summary>
public sealed class GridDefinitionTests
{
    private static (District District, DistrictDefinition Definition) Read(string example)
    {
        var json = Districts.Example(example);
        var district = DistrictReader.Read(json).GetDistrictOrThrow();
        return (district, DistrictDefinitions.FromDistrict(district, DistrictDefinitions.ContentHash(json)));
    }

    private static Dictionary<string, double[]> Kw(string resource, params double[] values) => new(StringComparer.Ordinal) { [resource] = values };

    private static Dictionary<string, double[]> None() => new(StringComparer.Ordinal);

    [Fact]
    public void Two_feeders_go_to_the_wire_root_first_with_each_subsystem_node_and_come_back_equal()
    {
        var (district, definition) = Read("two-feeders.json");

        Assert.Empty(DistrictDefinitions.Problems(definition));
        Assert.Equal(["substation", "feeder-a", "feeder-b"], definition.Grid.Select(n => n.Id));
        Assert.Equal([null, "substation", "substation"], definition.Grid.Select(n => n.Parent));
        Assert.Equal([100.0, 100, 100, 100], definition.Grid[0].ImportMaxKw["electricity"]);
        Assert.Equal([60.0, 60, 60, 60], definition.Grid[1].ImportMaxKw["electricity"]);
        Assert.Empty(definition.Grid[2].ImportMaxKw);
        Assert.Equal([100.0, 100, 100, 100], definition.LimitsKw["electricity"]);
        Assert.Equal(["feeder-a", "feeder-a", "feeder-b"], definition.Subsystems.Select(s => s.Node));
        Assert.Equal(new CoordinationDefinition("priority", 10), definition.Coordination);

        var grid = DefinitionMapper.Grid(definition);
        Assert.Equal(district.Grid.Nodes.Count, grid.Nodes.Count);
        for (var k = 0; k < grid.Nodes.Count; k++)
        {
            var (expected, actual) = (district.Grid.Nodes[k], grid.Nodes[k]);
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(expected.Parent, actual.Parent);
            Assert.Equal(expected.ImportMaxKw.OrderBy(l => l.Key, StringComparer.Ordinal), actual.ImportMaxKw.OrderBy(l => l.Key, StringComparer.Ordinal));
            Assert.Equal(expected.ExportMaxKw.OrderBy(l => l.Key, StringComparer.Ordinal), actual.ExportMaxKw.OrderBy(l => l.Key, StringComparer.Ordinal));
        }

        Assert.Equal(district.Subsystems.Select(s => s.Node), definition.Subsystems.Select(DefinitionMapper.ToEngine).Select(s => s.Node));
        Assert.Equal(CoordinationSettings.Default, DefinitionMapper.Coordination(definition));
    }

    [Fact]
    public void A_file_without_a_grid_sends_none_and_the_grid_is_one_root_named_after_the_district()
    {
        var (_, definition) = Read("two-subsystems-limit.json");

        Assert.Empty(definition.Grid);
        Assert.All(definition.Subsystems, s => Assert.Null(s.Node));
        var root = Assert.Single(DefinitionMapper.Grid(definition).Nodes);
        Assert.Equal("two-subsystems", root.Id);
        Assert.Null(root.Parent);
        Assert.Equal([100.0, 100, 100, 100], root.ImportMaxKw["electricity"]);
        Assert.Equal(CoordinationSettings.Default, DefinitionMapper.Coordination(definition with { Coordination = null }));
    }

    [Fact]
    public void A_grid_sent_in_any_order_is_rebuilt_root_first_and_its_root_takes_the_district_limits()
    {
        var (_, definition) = Read("two-subsystems-limit.json");
        var sent = definition with
        {
            Grid =
            [
                new GridNodeDefinition("building", "feeder", Kw("electricity", 30, 30, 30, 30), None()),
                new GridNodeDefinition("feeder", "root", None(), None()),
                new GridNodeDefinition("root", null, None(), Kw("electricity", 5, 5, 5, 5)),
            ],
            Coordination = new CoordinationDefinition("economic", 25),
        };

        Assert.Empty(DistrictDefinitions.Problems(sent));
        var grid = DefinitionMapper.Grid(sent);
        Assert.Equal(["root", "feeder", "building"], grid.Nodes.Select(n => n.Id));
        Assert.Equal(Series.Constant(100, 4), grid.Root.ImportMaxKw["electricity"]);
        Assert.Equal(Series.Constant(5, 4), grid.Root.ExportMaxKw["electricity"]);
        Assert.Equal(new CoordinationSettings(CoordinationMode.Economic, 25), DefinitionMapper.Coordination(sent));
    }

    [Fact]
    public void A_sent_grid_with_a_missing_parent_a_cycle_or_a_second_root_is_refused_naming_each()
    {
        var (_, definition) = Read("two-feeders.json");
        GridNodeDefinition[] Replace(int k, GridNodeDefinition node) => [.. definition.Grid.Select((n, i) => i == k ? node : n)];

        Assert.Equal(["grid.nodes[2].parent: \"feeder-x\" is not a node id (ids: \"substation\", \"feeder-a\", \"feeder-b\")"],
            DistrictDefinitions.Problems(definition with { Grid = Replace(2, definition.Grid[2] with { Parent = "feeder-x" }) }));

        var cycle = definition with { Grid = [definition.Grid[0], definition.Grid[1] with { Parent = "feeder-b" }, definition.Grid[2] with { Parent = "feeder-a" }] };
        Assert.Equal(["grid.nodes[1].parent: \"feeder-b\" closes a cycle \"feeder-a\" → \"feeder-b\" → \"feeder-a\" (each node's parent is the next): the grid must be a tree whose parents lead to one root"],
            DistrictDefinitions.Problems(cycle));

        Assert.Equal(["grid.nodes[2].parent: is missing: \"feeder-b\" would be a second root beside \"substation\" (grid.nodes[0]); exactly one node has no parent"],
            DistrictDefinitions.Problems(definition with { Grid = Replace(2, definition.Grid[2] with { Parent = null }) }));

        Assert.Equal(["grid.nodes[2].id: \"feeder-a\" duplicates grid.nodes[1].id: node ids must be unique"],
            DistrictDefinitions.Problems(definition with { Grid = Replace(2, definition.Grid[2] with { Id = "feeder-a" }), Subsystems = [.. definition.Subsystems.Select(s => s with { Node = "feeder-a" })] }));
    }

    [Fact]
    public void A_sent_definition_with_an_unknown_node_a_short_limit_a_conflicting_root_limit_or_a_bad_mode_is_refused()
    {
        var (_, definition) = Read("two-feeders.json");
        var bad = definition with
        {
            Subsystems = [definition.Subsystems[0], definition.Subsystems[1], definition.Subsystems[2] with { Node = "feeder-z" }],
            Grid = [definition.Grid[0], definition.Grid[1] with { ImportMaxKw = Kw("electricity", 60, 60, 60) }, definition.Grid[2]],
            LimitsKw = Kw("electricity", 90, 90, 90, 90),
            Coordination = new CoordinationDefinition("fast", 0),
        };

        Assert.Equal(
            [
                "grid.nodes[1].limits.electricity.importMax: an array of 3 is not a series of 4 steps",
                "districtLimits.electricity: differs from the importMax of the root \"substation\": both are the root's import limit",
                "subsystems[2].node: \"feeder-z\" is not a node id of the grid (ids: \"substation\", \"feeder-a\", \"feeder-b\")",
                "coordination.mode: \"fast\" is not one of \"priority\", \"economic\"",
                "coordination.maxRounds: 0 is not a whole number in [1, 100]",
            ],
            DistrictDefinitions.Problems(bad));
    }

    [Fact]
    public void Without_a_grid_a_sent_subsystem_may_name_only_the_root()
    {
        var (_, definition) = Read("two-subsystems-limit.json");

        Assert.Equal(["subsystems[0].node: \"feeder-a\" is not a node id of the grid (ids: \"two-subsystems\")"],
            DistrictDefinitions.Problems(definition with { Subsystems = [definition.Subsystems[0] with { Node = "feeder-a" }, definition.Subsystems[1]] }));
        Assert.Empty(DistrictDefinitions.Problems(definition with { Subsystems = [definition.Subsystems[0] with { Node = "two-subsystems" }, definition.Subsystems[1]] }));
    }
}

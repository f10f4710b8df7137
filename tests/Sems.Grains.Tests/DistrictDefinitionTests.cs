using Sems.Engine.Districts;

namespace Sems.Grains.Tests;

/// <summary>The typed definition the coordinator takes instead of the file's text, and what it checks of one it receives.</summary>
public sealed class DistrictDefinitionTests
{
    private static Sems.Contracts.Definitions.DistrictDefinition Example()
    {
        var json = Districts.Example("two-subsystems-limit.json");
        return DistrictDefinitions.FromDistrict(DistrictReader.Read(json).GetDistrictOrThrow(), DistrictDefinitions.ContentHash(json));
    }

    [Fact]
    public void The_worked_example_maps_to_a_definition_without_problems()
    {
        var definition = Example();

        Assert.Empty(DistrictDefinitions.Problems(definition));
        Assert.Equal(["heat-network", "ev-hub"], definition.Subsystems.Select(s => s.Id));
        Assert.Equal([100.0, 100, 100, 100], definition.LimitsKw["electricity"]);
        Assert.Equal(16, definition.ContentHash.Length);
    }

    [Fact]
    public void A_definition_sent_with_a_wrong_limit_length_a_repeated_id_and_a_hostile_id_is_refused_naming_each()
    {
        var valid = Example();
        var bad = valid with
        {
            LimitsKw = new Dictionary<string, double[]> { ["electricity"] = [100, 100] },
            Subsystems = [valid.Subsystems[0], valid.Subsystems[0] with { Priority = 5 }, valid.Subsystems[1] with { Id = "../x", Priority = 6 }],
        };

        var problems = DistrictDefinitions.Problems(bad);

        Assert.Contains("districtLimits.electricity: an array of 2 is not a series of 4 steps", problems);
        Assert.Contains("subsystems.id: \"heat-network\" is given 2 times", problems);
        Assert.Contains(problems, p => p.StartsWith("subsystems.id: \"../x\" is not an id", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_text_has_the_same_hash_and_a_changed_one_another()
    {
        var json = Districts.Example("two-subsystems-limit.json");

        Assert.Equal(DistrictDefinitions.ContentHash(json), DistrictDefinitions.ContentHash(new string(json)));
        Assert.NotEqual(DistrictDefinitions.ContentHash(json), DistrictDefinitions.ContentHash(json.Replace("100", "90", StringComparison.Ordinal)));
    }
}

using System.Text.Json.Nodes;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Xunit;

namespace Sems.Engine.Tests.Districts;

/// <summary>The district file's optional <c>coordination</c> object: the mode, the economic mode's rounds, and their errors.</summary>
public sealed class CoordinationReaderTests
{
    private static DistrictReadResult Read(JsonNode coordination) => ReadAssert.Read(DistrictJson.Baseline().Set("coordination", coordination));

    [Theory]
    [InlineData("{ \"mode\": \"priority\" }", CoordinationMode.Priority, 10)]
    [InlineData("{ \"mode\": \"economic\" }", CoordinationMode.Economic, 10)]
    [InlineData("{ \"mode\": \"economic\", \"maxRounds\": 25 }", CoordinationMode.Economic, 25)]
    [InlineData("{ \"mode\": \"economic\", \"maxRounds\": 1 }", CoordinationMode.Economic, 1)]
    [InlineData("{ \"mode\": \"economic\", \"maxRounds\": 100 }", CoordinationMode.Economic, 100)]
    public void The_mode_and_the_rounds_are_read(string coordination, CoordinationMode mode, int maxRounds)
    {
        var result = Read(JsonNode.Parse(coordination)!);

        ReadAssert.Valid(result);
        Assert.Equal(mode, result.District!.Coordination.Mode);
        Assert.Equal(maxRounds, result.District.Coordination.MaxRounds);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("\"fast\"", "\"fast\"")]
    [InlineData("\"Economic\"", "\"Economic\"")]
    [InlineData("1", "1")]
    public void An_unknown_mode_is_refused_naming_the_value_and_the_modes(string mode, string shown)
    {
        var result = Read(JsonNode.Parse($"{{ \"mode\": {mode} }}")!);

        ReadAssert.OnlyError(result, "coordination.mode", shown, "is not one of \"priority\", \"economic\"");
    }

    [Theory]
    [InlineData("0", "is less than 1")]
    [InlineData("101", "is greater than 100")]
    [InlineData("2.5", "is not an integer")]
    [InlineData("\"10\"", "is not an integer")]
    public void Rounds_are_a_whole_number_from_1_to_100(string maxRounds, string rule)
    {
        var result = Read(JsonNode.Parse($"{{ \"mode\": \"economic\", \"maxRounds\": {maxRounds} }}")!);

        ReadAssert.OnlyError(result, "coordination.maxRounds", rule);
    }

    [Fact]
    public void A_coordination_object_names_its_mode()
    {
        ReadAssert.OnlyError(Read(new JsonObject { ["maxRounds"] = 5 }), "coordination.mode", "is missing");
    }

    [Fact]
    public void Coordination_is_an_object()
    {
        ReadAssert.OnlyError(Read(JsonValue.Create("economic")), "coordination", "\"economic\"", "is not an object");
    }

    [Fact]
    public void Rounds_with_the_priority_mode_and_unknown_fields_are_warned()
    {
        var result = Read(JsonNode.Parse("{ \"mode\": \"priority\", \"maxRounds\": 5, \"rounds\": 3 }")!);

        ReadAssert.Valid(result);
        Assert.Equal(new CoordinationSettings(CoordinationMode.Priority, 5), result.District!.Coordination);
        Assert.Equal(["coordination.maxRounds", "coordination.rounds"], result.Warnings.Select(w => w.Path).Order(StringComparer.Ordinal));
        Assert.Contains("only the economic mode", result.Warnings.Single(w => w.Path == "coordination.maxRounds").Rule, StringComparison.Ordinal);
    }
}

using Sems.Engine.Districts;
using Xunit;

namespace Sems.Engine.Tests.Districts;

/// <summary>
/// The district's <c>name</c> is an id (1–64 of [A-Za-z0-9._-], starting with a letter or digit), the key it is served
/// and stored under; the optional <c>title</c> is free text for display (1–200 characters, not blank, no control
/// characters) and defaults to the name.
/// </summary>
public sealed class DistrictNameAndTitleTests
{
    [Theory]
    [InlineData("Riverside district")]
    [InlineData("School, boiler unit commitment, 2022-11-01")]
    [InlineData("north/south")]
    [InlineData("-leading-dash")]
    [InlineData(".hidden")]
    [InlineData("Ærø")]
    public void A_name_that_is_not_an_id_is_refused_at_name_with_the_value_and_the_id_rule(string name)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("name", name));

        var problem = ReadAssert.OnlyError(result, "name", $"\"{name}\"", "is not an id", "1–64 ASCII letters, digits, '-', '_' or '.'");
        Assert.Equal($"name: \"{name}\" is not an id: 1–64 ASCII letters, digits, '-', '_' or '.', starting with a letter or a digit", problem.ToString());
    }

    [Fact]
    public void A_name_of_64_characters_is_accepted_and_65_refused()
    {
        var longest = "a" + new string('b', 62) + "9";
        Assert.Equal(64, longest.Length);
        var accepted = ReadAssert.Read(DistrictJson.Baseline().Set("name", longest));
        ReadAssert.Valid(accepted);
        Assert.Equal(longest, accepted.District!.Name);

        ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set("name", longest + "c")), "name", "is not an id");
    }

    [Theory]
    [InlineData("greenwich-heat-network")]
    [InlineData("block_b.2022-11-01")]
    [InlineData("7")]
    public void Names_made_of_the_id_characters_are_accepted_unchanged(string name)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("name", name));

        ReadAssert.Valid(result);
        Assert.Equal(name, result.District!.Name);
    }

    [Fact]
    public void Without_a_title_the_title_is_the_name()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Without("title").Set("name", "riverside-east"));

        ReadAssert.Valid(result);
        Assert.Equal("riverside-east", result.District!.Title);
    }

    [Theory]
    [InlineData("Riverside district")]
    [InlineData("Block B, undersized boiler (infeasible), 2022-11-01")]
    [InlineData("Ærø — 100 kW grid limit \"worked\" example")]
    public void A_title_is_kept_as_written_beside_the_name_and_draws_no_warning(string title)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("name", "riverside").Set("title", title));

        ReadAssert.Valid(result);
        Assert.Equal("riverside", result.District!.Name);
        Assert.Equal(title, result.District.Title);
        Assert.DoesNotContain(result.Warnings, w => w.Path == "title");
    }

    [Fact]
    public void A_title_of_200_characters_is_accepted_and_201_refused()
    {
        var longest = string.Concat(Enumerable.Repeat("Heat ", 40));
        Assert.Equal(200, longest.Length);
        var accepted = ReadAssert.Read(DistrictJson.Baseline().Set("title", longest));
        ReadAssert.Valid(accepted);
        Assert.Equal(longest, accepted.District!.Title);

        ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set("title", longest + "x")), "title", "is not a district title", "1–200 characters");
    }

    [Theory]
    [InlineData("line\nbreak", "\"line\\u000abreak\"")]
    [InlineData("tab\there", "\"tab\\u0009here\"")]
    [InlineData("   ", "\"   \"")]
    public void A_title_with_a_control_character_or_only_blanks_is_refused_naming_the_value(string title, string quoted)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("title", title));

        var problem = ReadAssert.OnlyError(result, "title", "is not a district title");
        Assert.Equal(quoted, problem.Value);
    }

    [Fact]
    public void A_title_that_is_not_a_string_or_is_empty_is_refused()
    {
        ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set("title", 42)), "title", "is not a string");
        ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set("title", "")), "title", "is not a non-empty string");
    }

    [Fact]
    public void A_bad_name_and_a_bad_title_are_both_reported()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("name", "two words").Set("title", "a\u0007b"));

        Assert.Null(result.District);
        Assert.Equal(["name", "title"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }
}

using Sems.Engine.Districts;
using Xunit;

namespace Sems.Engine.Tests.Districts;

/// <summary>
/// Each one-subsystem part of a split district is itself a valid district file: named "district.subsystem" while that
/// is an id of at most 64 characters (else the subsystem id), titled "title / subsystem".
/// </summary>
public sealed class DistrictJsonSplitterTests
{
    [Fact]
    public void Parts_are_named_district_dot_subsystem_and_titled_title_slash_subsystem()
    {
        var json = DistrictJson.Baseline().Set("name", "riverside").Set("title", "Riverside district").ToText();

        var parts = DistrictJsonSplitter.Split(json);

        Assert.Equal(["heat-network", "ev-hub"], parts.Select(p => p.SubsystemId));
        var districts = parts.Select(p => DistrictReader.Read(p.Json).GetDistrictOrThrow()).ToList();
        Assert.Equal(["riverside.heat-network", "riverside.ev-hub"], districts.Select(d => d.Name));
        Assert.Equal(["Riverside district / heat-network", "Riverside district / ev-hub"], districts.Select(d => d.Title));
    }

    [Fact]
    public void A_part_whose_joined_name_would_pass_64_characters_is_named_by_its_subsystem()
    {
        // 52 + 1 + "heat-network" (12) = 65 > 64; 52 + 1 + "ev-hub" (6) = 59 fits.
        var name = new string('n', 52);
        var title = new string('T', 200);
        var json = DistrictJson.Baseline().Set("name", name).Set("title", title).ToText();

        var districts = DistrictJsonSplitter.Split(json).Select(p => DistrictReader.Read(p.Json).GetDistrictOrThrow()).ToList();

        Assert.Equal(["heat-network", name + ".ev-hub"], districts.Select(d => d.Name));
        // " / heat-network" is 15 characters: the title is cut to 185 so that the part's title is exactly 200.
        Assert.Equal(new string('T', 185) + " / heat-network", districts[0].Title);
        Assert.Equal(new string('T', 191) + " / ev-hub", districts[1].Title);
    }
}

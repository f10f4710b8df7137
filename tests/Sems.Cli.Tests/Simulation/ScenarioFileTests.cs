using Sems.Silo.Simulation;
using Xunit;

namespace Sems.Cli.Tests.Simulation;

public sealed class ScenarioFileTests
{
    [Fact]
    public void A_minimal_scenario_takes_the_defaults()
    {
        var (scenario, problems) = ScenarioFile.Read("""{ "name": "x", "days": 2, "districtLimitKw": 70 }""");
        Assert.Empty(problems);
        Assert.Equal(192, scenario!.Steps);
        Assert.Equal(70, scenario.DistrictLimitKw);
        Assert.True(scenario.EvPv!.Delay);
    }

    [Theory]
    [InlineData("""{ "days": -1 }""", "days: -1 is not a number of days in (0, 365]")]
    [InlineData("""{ "stepMinutes": 7 }""", "stepMinutes: 7 does not divide an hour")]
    [InlineData("""{ "districtLimitKw": -5 }""", "districtLimitKw: -5 is not a power ≥ 0 kW")]
    [InlineData("""{ "heatNetwork": { "energyWeight": 1.5 } }""", "heatNetwork.energyWeight: 1.5 is not in [0, 1]")]
    [InlineData("""{ "start": "2023-03-01T00:00:00Z" }""", "leaves 2022")]
    [InlineData("""{ "dayz": 3 }""", "dayz")]
    [InlineData("""{ "heatNetwork": null, "evPv": null }""", "leave nothing to simulate")]
    public void Bad_scenarios_are_rejected_naming_the_field_and_the_value(string json, string expected)
    {
        var (scenario, problems) = ScenarioFile.Read(json);
        Assert.Null(scenario);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}

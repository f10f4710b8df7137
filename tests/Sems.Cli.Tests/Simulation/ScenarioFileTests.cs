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

    [Fact]
    public void Risk_level_weather_and_correction_are_read_and_the_risk_level_reaches_the_district_file()
    {
        var (scenario, problems) = ScenarioFile.Read("""{ "name": "x", "districtLimitKw": 70, "riskLevel": 0.95, "weatherFeatures": false, "withinDayCorrection": false }""");
        Assert.Empty(problems);
        Assert.Equal(0.95, scenario!.RiskLevel);
        Assert.False(scenario.WeatherFeatures);
        Assert.False(scenario.WithinDayCorrection);
        var district = System.Text.Json.Nodes.JsonNode.Parse(TwinDistrict.Create(scenario, new(), new()))!;
        Assert.Equal(0.95, district["coordination"]!["riskLevel"]!.GetValue<double>());
        Assert.Equal("priority", district["coordination"]!["mode"]!.GetValue<string>());
        var (defaults, _) = ScenarioFile.Read("""{ "name": "y" }""");
        Assert.Null(defaults!.RiskLevel);
        Assert.True(defaults.WeatherFeatures && defaults.WithinDayCorrection);
        Assert.Null(System.Text.Json.Nodes.JsonNode.Parse(TwinDistrict.Create(defaults, new(), new()))!["coordination"]);
    }

    [Theory]
    [InlineData("""{ "days": -1 }""", "days: -1 is not a number of days in (0, 365]")]
    [InlineData("""{ "stepMinutes": 7 }""", "stepMinutes: 7 does not divide an hour")]
    [InlineData("""{ "districtLimitKw": -5 }""", "districtLimitKw: -5 is not a power ≥ 0 kW")]
    [InlineData("""{ "heatNetwork": { "energyWeight": 1.5 } }""", "heatNetwork.energyWeight: 1.5 is not in [0, 1]")]
    [InlineData("""{ "start": "2023-03-01T00:00:00Z" }""", "leaves 2022")]
    [InlineData("""{ "dayz": 3 }""", "dayz")]
    [InlineData("""{ "heatNetwork": null, "evPv": null }""", "leave nothing to simulate")]
    [InlineData("""{ "districtLimitKw": 70, "riskLevel": 1.2 }""", "riskLevel: 1.2 is not a probability in [0.5, 0.9999]")]
    [InlineData("""{ "districtLimitKw": 70, "riskLevel": 0.4 }""", "riskLevel: 0.4 is not a probability in [0.5, 0.9999]")]
    [InlineData("""{ "riskLevel": 0.95 }""", "riskLevel: 0.95 needs a districtLimitKw and coordinate true")]
    [InlineData("""{ "districtLimitKw": 70, "coordinate": false, "riskLevel": 0.95 }""", "riskLevel: 0.95 needs a districtLimitKw and coordinate true")]
    [InlineData("""{ "riskLevel": "high" }""", "riskLevel")]
    [InlineData("""{ "weatherFeatures": 1 }""", "weatherFeatures")]
    [InlineData("""{ "withinDayCorrection": "yes" }""", "withinDayCorrection")]
    public void Bad_scenarios_are_rejected_naming_the_field_and_the_value(string json, string expected)
    {
        var (scenario, problems) = ScenarioFile.Read(json);
        Assert.Null(scenario);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}

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
    [InlineData("""{ "prices": "2019" }""", "prices: \"2019\" is not one of the twin's price sets: 2022, 2018")]
    [InlineData("""{ "prices": 2018 }""", "prices")]
    [InlineData("""{ "prices": null }""", "prices")]
    public void Bad_scenarios_are_rejected_naming_the_field_and_the_value(string json, string expected)
    {
        var (scenario, problems) = ScenarioFile.Read(json);
        Assert.Null(scenario);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_price_set_is_read_and_reaches_the_district_file_and_the_kpis()
    {
        var (scenario, problems) = ScenarioFile.Read("""{ "days": 1, "prices": "2018", "evPv": null }""");
        Assert.Empty(problems);
        Assert.Equal("2018", scenario!.Prices);
        Assert.Equal("2022", ScenarioFile.Read("{}").Scenario!.Prices);

        // The district file SEMS plans on prices gas at the 2018 value (2.4 p/kWh, Data/README.md), not 2022's 10.3.
        var district = System.Text.Json.Nodes.JsonNode.Parse(TwinDistrict.Create(scenario, new(), new()))!;
        Assert.Equal(0.024, district["factors"]!["cost"]!["gas"]!.GetValue<double>(), 12);
        var district2022 = System.Text.Json.Nodes.JsonNode.Parse(TwinDistrict.Create(scenario with { Prices = "2022" }, new(), new()))!;
        Assert.Equal(0.103, district2022["factors"]!["cost"]!["gas"]!.GetValue<double>(), 12);
    }

    [Fact]
    public void Heat_cost_prices_the_boilers_gas_at_the_given_price()
    {
        // Two 15-minute steps: 10 kW to the heat pump at 0.2 GBP/kWh and 100 kW of gas, then 0 and 40 kW at 0.1 GBP/kWh.
        Sems.Twin.Plants.HeatStepResult Heat(double hpKw, double gasKw) => new(hpKw, 3 * hpKw, 3, gasKw, 0.88 * gasKw, 0, 0, 0, 0, 65, 0, 0, 0);
        var t = new DateTimeOffset(2022, 11, 1, 0, 0, 0, TimeSpan.Zero);
        StepRecord[] steps = [new(t, 0.2, 0.1, 5, Heat(10, 100), null, 0, 0, 0), new(t.AddMinutes(15), 0.1, 0.1, 5, Heat(0, 40), null, 0, 0, 0)];
        // By hand: 0.25 h × (10 × 0.2 + 100 × 0.024) + 0.25 h × (40 × 0.024) = 0.25 × 4.4 + 0.25 × 0.96 = 1.34 GBP.
        Assert.Equal(1.34, Kpis.From(steps, 0.25, null, 0.024).HeatCostGbp, 9);
        // At 2022's gas price: 0.25 × (2 + 10.3) + 0.25 × 4.12 = 4.105 GBP.
        Assert.Equal(4.105, Kpis.From(steps, 0.25, null, 0.103).HeatCostGbp, 9);
    }
}

using System.Text;
using Sems.Silo.Simulation;
using Xunit;

namespace Sems.Cli.Tests.Simulation;

/// <summary>Scenarios that crashed or were silently accepted before: each is refused with the field and the value.</summary>
public sealed class ScenarioHardeningTests
{
    private static string Problem(string json)
    {
        var (scenario, problems) = ScenarioFile.Read(json);
        Assert.Null(scenario);
        return Assert.Single(problems);
    }

    [Theory]
    [InlineData("""{ "days": 1e7 }""", "days: 10000000 is not a number of days in (0, 365]")]
    [InlineData("""{ "days": 1e308 }""", "days: 1e308 is beyond ±1e9")]
    [InlineData("""{ "days": 1e309 }""", "days: 1e309 is not a finite number")]
    [InlineData("""{ "days": 0.001 }""", "days: 0.001 is not a whole number (≥ 1) of 15-minute steps")]
    [InlineData("""{ "start": "9999-12-31T00:00:00Z" }""", "start: 9999-12-31T00:00:00.0000000+00:00 with days and the horizon leaves 2022")]
    [InlineData("""{ "stepMinutes": 2e9 }""", "stepMinutes: 2000000000 is greater than 60")]
    [InlineData("""{ "horizonSteps": 2e9 }""", "horizonSteps: 2000000000 is greater than 672")]
    [InlineData("""{ "noise": null }""", "noise: null is not an object")]
    [InlineData("""{ "evPv": { "vehicles": 2147483647 } }""", "evPv.vehicles: 2147483647 is greater than 10000")]
    [InlineData("""{ "heatNetwork": { "bandSlackWeight": 1e308 } }""", "heatNetwork.bandSlackWeight: 1e308 is beyond ±1e9")]
    [InlineData("""{ "heatNetwork": { "bandSlackWeight": 1e5 } }""", "heatNetwork.bandSlackWeight: 100000 is not in [0, 1000]")]
    [InlineData("""{ "days": "two" }""", "days: \"two\" is not a number")]
    [InlineData("""{ "evPv": { "delay": "yes" } }""", "evPv.delay: \"yes\" is not true or false")]
    [InlineData("""{ "seed": 1.5 }""", "seed: 1.5 is not an integer")]
    public void A_scenario_that_crashed_or_was_silently_accepted_is_refused_with_field_and_value(string json, string expected)
    {
        Assert.StartsWith(expected, Problem(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Type_errors_show_the_value_and_no_dotnet_type_name()
    {
        var problem = Problem("""{ "heatNetwork": [1, 2] }""");

        Assert.Equal("heatNetwork: an array of 2 is not an object", problem);
        Assert.DoesNotContain("System.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_is_refused()
    {
        Assert.Equal("days: 3 repeats a key given earlier in the same object: JSON keys must be unique", Problem("""{ "days": 2, "days": 3 }"""));
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("""{ "name": "ab" }""");
        bytes[11] = 0xFF;

        var (scenario, problems) = ScenarioFile.Read(bytes);

        Assert.Null(scenario);
        Assert.Contains("is not valid UTF-8 (byte 0xFF at file offset 11)", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_field_keeps_its_value_when_valid()
    {
        var (scenario, problems) = ScenarioFile.Read("""
            { "name": "all", "start": "2022-03-01T00:00:00Z", "days": 1.5, "stepMinutes": 30, "horizonSteps": 48, "seed": 7,
              "heatNetwork": { "energyWeight": 0.25, "costWeight": 2, "co2Weight": 0.5, "bandSlackWeight": 20 },
              "evPv": { "delay": false, "vehicles": 120, "energyPerVehicleKwhPerDay": 2.5 },
              "districtLimitKw": 90, "coordinate": false, "forecastHistoryDays": 30,
              "noise": { "heatLoadForecast": 0, "evDemandForecast": 0.2, "pvForecast": 0.3, "carbonForecast": 0.4, "temperatureMeasurementC": 0.5, "storeMeasurementKwh": 2 } }
            """);

        Assert.Empty(problems);
        Assert.Equal(new Scenario
        {
            Name = "all", Start = new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero), Days = 1.5, StepMinutes = 30, HorizonSteps = 48, Seed = 7,
            HeatNetwork = new HeatNetworkScenario(0.25, 2, 0.5, 20), EvPv = new EvPvScenario(false, 120, 2.5), DistrictLimitKw = 90, Coordinate = false,
            ForecastHistoryDays = 30, Noise = new NoiseScenario(0, 0.2, 0.3, 0.4, 0.5, 2),
        }, scenario);
        Assert.Equal(72, scenario!.Steps);
    }
}

using System.Text.Json.Nodes;
using Sems.Engine.Districts;
using Sems.Engine.Horizon;
using Sems.Engine.Model;
using Xunit;

namespace Sems.Engine.Tests.Districts;

/// <summary>
/// <c>coordination.riskLevel</c> and a subsystem's <c>uncertainty</c> in the district file, and the forecast key
/// <c>uncertainty:{resource}</c>: what is read, what is refused (naming the field and the value), and the rotation.
/// </summary>
public sealed class RiskReaderTests
{
    private static DistrictReadResult ReadCoordination(string coordination) =>
        ReadAssert.Read(DistrictJson.Baseline().Set("coordination", JsonNode.Parse(coordination)!));

    [Theory]
    [InlineData("{ \"mode\": \"priority\", \"riskLevel\": 0.95 }", CoordinationMode.Priority, 0.95)]
    [InlineData("{ \"mode\": \"economic\", \"riskLevel\": 0.5 }", CoordinationMode.Economic, 0.5)]
    [InlineData("{ \"mode\": \"priority\", \"riskLevel\": 0.9999 }", CoordinationMode.Priority, 0.9999)]
    public void A_risk_level_is_read_in_both_modes(string coordination, CoordinationMode mode, double riskLevel)
    {
        var result = ReadCoordination(coordination);

        ReadAssert.Valid(result);
        Assert.Equal(mode, result.District!.Coordination.Mode);
        Assert.Equal(riskLevel, result.District.Coordination.RiskLevel);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Without_a_risk_level_there_is_none()
    {
        var result = ReadCoordination("{ \"mode\": \"priority\" }");

        ReadAssert.Valid(result);
        Assert.Null(result.District!.Coordination.RiskLevel);
    }

    [Theory]
    [InlineData("1.2", "1.2", "is more than 0.9999")]
    [InlineData("0.99995", "0.99995", "is more than 0.9999")]
    [InlineData("0.4", "0.4", "is less than 0.5")]
    [InlineData("-1", "-1", "is less than 0.5")]
    [InlineData("\"high\"", "\"high\"", "is not a number")]
    public void A_risk_level_outside_0_5_to_0_9999_is_refused_naming_the_value(string riskLevel, string shown, string rule)
    {
        var result = ReadCoordination($"{{ \"mode\": \"priority\", \"riskLevel\": {riskLevel} }}");

        ReadAssert.OnlyError(result, "coordination.riskLevel", shown, rule);
    }

    [Fact]
    public void A_scalar_or_series_uncertainty_is_read_as_a_series_of_kW()
    {
        var file = DistrictJson.Baseline();
        file.Set("subsystems[1].uncertainty", JsonNode.Parse("{ \"electricity\": 4.5 }")!);
        var result = ReadAssert.Read(file);

        ReadAssert.Valid(result);
        var ev = result.District!.Subsystems[1];
        Assert.Equal(DistrictJson.Steps, ev.UncertaintyKw["electricity"].Count);
        Assert.All(ev.UncertaintyKw["electricity"].ToArray(), v => Assert.Equal(4.5, v));
        Assert.Empty(result.District.Subsystems[0].UncertaintyKw);
    }

    [Fact]
    public void A_negative_standard_deviation_is_refused_naming_the_step()
    {
        var file = DistrictJson.Baseline();
        var sigma = new JsonArray(Enumerable.Range(0, DistrictJson.Steps).Select(i => (JsonNode)JsonValue.Create(i == 7 ? -1.0 : 2.0)).ToArray());
        file.Set("subsystems[1].uncertainty", new JsonObject { ["electricity"] = sigma });

        ReadAssert.OnlyError(ReadAssert.Read(file), "subsystems[1].uncertainty.electricity[7]", "-1", "is negative");
    }

    [Fact]
    public void Uncertainty_of_a_resource_the_subsystem_does_not_draw_is_refused()
    {
        var file = DistrictJson.Baseline();
        file.Set("subsystems[1].uncertainty", JsonNode.Parse("{ \"hydrogen\": 1 }")!);

        ReadAssert.OnlyError(ReadAssert.Read(file), "subsystems[1].uncertainty.hydrogen", "\"hydrogen\"", "is not a resource that a supply of this subsystem draws");
    }

    [Fact]
    public void Uncertainty_of_the_wrong_length_is_refused()
    {
        var file = DistrictJson.Baseline();
        file.Set("subsystems[1].uncertainty", JsonNode.Parse("{ \"electricity\": [1, 2, 3] }")!);

        ReadAssert.OnlyError(ReadAssert.Read(file), "subsystems[1].uncertainty.electricity", "an array of 3 numbers", "is not a series");
    }

    [Fact]
    public void The_forecast_key_replaces_the_uncertainty_and_refuses_negative_or_unknown_ones()
    {
        var district = OneSubsystem();
        var sigma = Enumerable.Range(0, district.HorizonSteps).Select(i => 0.5 * i).ToArray();

        var (applied, problems) = ForecastOverlay.Apply(district, new Dictionary<string, double[]> { ["uncertainty:electricity"] = sigma });
        Assert.Empty(problems);
        Assert.Equal(sigma, applied!.Subsystems[0].UncertaintyKw["electricity"].ToArray());

        var negative = sigma.ToArray();
        negative[3] = -0.1;
        var (none, refused) = ForecastOverlay.Apply(district, new Dictionary<string, double[]> { ["uncertainty:electricity"] = negative });
        Assert.Null(none);
        Assert.Contains(refused, p => p.StartsWith("uncertainty:electricity[3]: -0.1 is negative", StringComparison.Ordinal));

        var (_, unknown) = ForecastOverlay.Apply(district, new Dictionary<string, double[]> { ["uncertainty:hydrogen"] = sigma });
        Assert.Contains(unknown, p => p.StartsWith("uncertainty:hydrogen: names no input", StringComparison.Ordinal));
    }

    [Fact]
    public void The_receding_horizon_rotates_the_uncertainty_with_every_other_series()
    {
        var district = OneSubsystem();
        var sigma = Enumerable.Range(0, district.HorizonSteps).Select(i => (double)i).ToArray();
        var (withSigma, _) = ForecastOverlay.Apply(district, new Dictionary<string, double[]> { ["uncertainty:electricity"] = sigma });

        var shifted = RecedingHorizon.Shift(withSigma!, 5);

        // Cycle 5 plans steps 5 … 5 + N − 1 of the periodic profile: step 0 of the new horizon is step 5 of the old one.
        var rotated = shifted.Subsystems[0].UncertaintyKw["electricity"].ToArray();
        Assert.Equal(5.0, rotated[0]);
        Assert.Equal(4.0, rotated[^1]);
    }

    private static District OneSubsystem()
    {
        var full = DistrictReader.Read(DistrictJson.Baseline().ToText()).GetDistrictOrThrow();
        return full with { Subsystems = [full.Subsystems[1]] };
    }
}

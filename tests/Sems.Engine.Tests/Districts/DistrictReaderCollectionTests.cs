using System.Text.Json.Nodes;
using Xunit;

namespace Sems.Engine.Tests.Districts;

/// <summary>Validation collects every problem, reports nothing that is not a problem, and warns (not fails) on unknown fields.</summary>
public sealed class DistrictReaderCollectionTests
{
    private static JsonObject WithThirdSubsystem()
    {
        var third = DistrictJson.EvHub();
        third["id"] = "depot";
        third["priority"] = 3;
        var json = DistrictJson.Baseline();
        DistrictJson.At(json, "subsystems").AsArray().Add(third);
        return json;
    }

    [Fact]
    public void The_three_subsystem_baseline_is_valid()
    {
        var result = ReadAssert.Read(WithThirdSubsystem());

        ReadAssert.Valid(result);
        Assert.Equal(["heat-network", "ev-hub", "depot"], result.District!.Subsystems.Select(s => s.Id));
    }

    [Fact]
    public void Three_independent_errors_in_different_subsystems_are_all_reported()
    {
        var json = WithThirdSubsystem()
            .Set("subsystems[0].stores[0].retention", 0)
            .Set("subsystems[1].stores[0].chargeEfficiency", 1.4)
            .Set("subsystems[2].supplies[1].conversions[0].efficiency", -1);

        var result = ReadAssert.Read(json);

        Assert.Null(result.District);
        Assert.False(result.IsValid);
        ReadAssert.Reported(result, "subsystems[0].stores[0].retention", ": 0 is not in (0, 1]");
        ReadAssert.Reported(result, "subsystems[1].stores[0].chargeEfficiency", ": 1.4 is not in (0, 1]");
        ReadAssert.Reported(result, "subsystems[2].supplies[1].conversions[0].efficiency", ": -1 is not > 0");
    }

    [Fact]
    public void Three_independent_errors_in_different_subsystems_are_exactly_three_errors()
    {
        var json = WithThirdSubsystem()
            .Set("subsystems[0].stores[0].retention", 0)
            .Set("subsystems[1].stores[0].chargeEfficiency", 1.4)
            .Set("subsystems[2].supplies[1].conversions[0].efficiency", -1);

        var result = ReadAssert.Read(json);

        Assert.Null(result.District);
        Assert.Equal(
            ["subsystems[0].stores[0].retention", "subsystems[1].stores[0].chargeEfficiency", "subsystems[2].supplies[1].conversions[0].efficiency"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Three_errors_in_the_ev_subsystems_and_the_top_level_are_exactly_three_errors()
    {
        var json = WithThirdSubsystem()
            .Set("districtLimits.electricity", -1)
            .Set("subsystems[1].stores[0].terminal", "end")
            .Set("subsystems[2].demands[0].values", DistrictJson.Array(1, 2, 3));

        var result = ReadAssert.Read(json);

        Assert.Null(result.District);
        Assert.Equal(
            ["districtLimits.electricity", "subsystems[1].stores[0].terminal", "subsystems[2].demands[0].values"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Several_errors_in_one_store_are_all_reported()
    {
        var json = DistrictJson.Baseline()
            .Set("subsystems[1].stores[0].socMax", DistrictJson.Raw("NaN"))
            .Set("subsystems[1].stores[0].chargeEfficiency", 1.4)
            .Set("subsystems[1].stores[0].terminal", "end")
            .Set("subsystems[1].stores[0].dischargeMax", "40");

        var result = ReadAssert.Read(json);

        Assert.Null(result.District);
        Assert.Equal(4, result.Errors.Count);
        ReadAssert.Reported(result, "subsystems[1].stores[0].socMax", "NaN");
        ReadAssert.Reported(result, "subsystems[1].stores[0].chargeEfficiency", "1.4");
        ReadAssert.Reported(result, "subsystems[1].stores[0].terminal", "\"end\"");
        ReadAssert.Reported(result, "subsystems[1].stores[0].dischargeMax", "\"40\"");
    }

    [Fact]
    public void An_error_in_one_subsystem_leaves_no_half_built_district()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].stores[0].retention", 2));

        Assert.Null(result.District);
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void An_invalid_subsystem_does_not_make_its_resources_unknown_to_the_factors()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[0].stores[0].retention", 0));

        ReadAssert.OnlyError(result, "subsystems[0].stores[0].retention", ": 0 is not in (0, 1]");
    }

    [Fact]
    public void An_invalid_conversion_does_not_make_its_resource_unknown_to_the_subsystem()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].supplies[1].conversions[0].efficiency", 0));

        ReadAssert.OnlyError(result, "subsystems[1].supplies[1].conversions[0].efficiency", ": 0 is not > 0");
    }

    [Fact]
    public void A_wrong_x0_length_is_the_only_error()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[0].demands[0].x0", DistrictJson.Array(65.0)));

        ReadAssert.OnlyError(result, "subsystems[0].demands[0].x0", "an array of 1", "A has nx = 2");
    }

    [Fact]
    public void Unknown_field_is_a_warning_and_the_district_still_loads()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].stores[0].chargeEfficency", 0.9));

        ReadAssert.Valid(result);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("subsystems[1].stores[0].chargeEfficency", warning.Path);
        Assert.Contains("is not a field of this object and is ignored", warning.ToString());
        Assert.Contains("chargeEfficiency", warning.Rule);
        Assert.Equal(1.0, result.District!.Subsystems[1].Stores[0].ChargeEfficiency);
    }

    [Theory]
    [InlineData("horizon")]
    [InlineData("subsystems[0].priorty")]
    [InlineData("subsystems[0].resources.gas.maximum")]
    [InlineData("subsystems[0].supplies[0].feedStores")]
    [InlineData("subsystems[0].supplies[0].conversions[0].cop")]
    [InlineData("subsystems[0].supplies[1].commitment.minUp")]
    [InlineData("subsystems[0].demands[0].slack")]
    [InlineData("subsystems[0].demands[0].band.side")]
    [InlineData("subsystems[0].weights.confort")]
    [InlineData("subsystems[1].demands[0].unit")]
    public void Unknown_fields_anywhere_are_warnings_at_their_path(string path)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set(path, 1));

        ReadAssert.Valid(result);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(path, warning.Path);
    }

    [Fact]
    public void Warnings_are_kept_alongside_errors()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline()
            .Set("subsystems[1].stores[0].chargeEfficency", 0.9)
            .Set("subsystems[1].stores[0].retention", 0));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].retention", ": 0 is not in (0, 1]");
        Assert.Equal("subsystems[1].stores[0].chargeEfficency", Assert.Single(result.Warnings).Path);
    }

    [Fact]
    public void A_defined_factor_without_alpha_is_a_warning()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Without("subsystems[1].weights.factors.co2"));

        ReadAssert.Valid(result);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("subsystems[1].weights.factors", warning.Path);
        Assert.Equal("\"co2\"", warning.Value);
        Assert.Equal(0.0, result.District!.Subsystems[1].Weights.FactorWeight("co2"));
    }

    [Fact]
    public void A_missing_alpha_is_not_a_warning_when_the_energy_weight_is_zero()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline()
            .Set("subsystems[1].weights.energy", 0.0)
            .Set("subsystems[1].weights.comfort", 1.0)
            .Without("subsystems[1].weights.factors"));

        ReadAssert.Valid(result);
        Assert.Empty(result.Warnings);
    }
}

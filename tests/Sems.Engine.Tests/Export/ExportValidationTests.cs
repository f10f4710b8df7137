using System.Text.Json.Nodes;
using Sems.Engine.Districts;
using Sems.Engine.Tests.Districts;

namespace Sems.Engine.Tests.Export;

/// <summary>
/// The district file's <c>exports</c> and <c>exportFactors</c>: the baseline's EV hub (energy type "electricity",
/// drawing electricity and solar) gets an export of its electricity into the grid and a feed-in tariff; each test breaks
/// one field and expects exactly one error at its path, naming the value and the rule.
/// </summary>
public sealed class ExportValidationTests
{
    private static JsonObject WithExport()
    {
        var district = DistrictJson.Baseline();
        district["exportFactors"] = new JsonObject { ["cost"] = new JsonObject { ["electricity"] = 0.05 } };
        return district.Set("subsystems[1].exports", new JsonArray(new JsonObject
        {
            ["id"] = "pv-export",
            ["resource"] = "electricity",
            ["energyType"] = "electricity",
            ["max"] = 50,
        }));
    }

    private static DistrictReadResult Read(JsonObject district) => ReadAssert.Read(district);

    [Fact]
    public void A_valid_export_and_feed_in_tariff_are_read_into_the_model()
    {
        var result = Read(WithExport().Set("subsystems[1].exports[0].min", 1.5));

        ReadAssert.Valid(result);
        var export = Assert.Single(result.District!.Subsystems[1].Exports);
        Assert.Equal(("pv-export", "electricity", "electricity"), (export.Id, export.Resource, export.EnergyType));
        Assert.Equal(Enumerable.Repeat(1.5, DistrictJson.Steps), export.Min);
        Assert.Equal(Enumerable.Repeat(50.0, DistrictJson.Steps), export.Max);
        Assert.Equal(0.05, result.District.ExportFactorFor("cost", "electricity", 7));
        Assert.Equal(0.0, result.District.ExportFactorFor("co2", "electricity", 7));
        Assert.Empty(result.District.Subsystems[0].Exports);
    }

    [Fact]
    public void An_unknown_energy_type_is_named()
    {
        ReadAssert.OnlyError(Read(WithExport().Set("subsystems[1].exports[0].energyType", "heat")),
            "subsystems[1].exports[0].energyType", "\"heat\"", "is not an energy type that a supply of this subsystem produces", "\"electricity\"");
    }

    [Fact]
    public void A_negative_max_is_named()
    {
        ReadAssert.OnlyError(Read(WithExport().Set("subsystems[1].exports[0].max", -5)),
            "subsystems[1].exports[0].max", "-5", "is negative", "kW ≥ 0");
    }

    [Fact]
    public void A_min_above_the_max_is_named()
    {
        ReadAssert.OnlyError(Read(WithExport().Set("subsystems[1].exports[0].min", 60)),
            "subsystems[1].exports[0].min", "60", "is greater than max (50 kW)");
    }

    [Fact]
    public void An_export_of_a_resource_that_no_supply_of_the_subsystem_draws_is_named()
    {
        // The heat network draws gas, the EV hub does not; nobody draws hydrogen.
        ReadAssert.OnlyError(Read(WithExport().Set("subsystems[1].exports[0].resource", "gas").Set("exportFactors.cost", new JsonObject { ["gas"] = 0.01 })),
            "subsystems[1].exports[0].resource", "\"gas\"", "is not a resource that a supply of this subsystem draws", "\"electricity\", \"solar\"");
        var nobody = Read(WithExport().Set("subsystems[1].exports[0].resource", "hydrogen").Set("exportFactors.cost", new JsonObject { ["hydrogen"] = 0.01 }));
        ReadAssert.OnlyError(nobody, "subsystems[1].exports[0].resource", "\"hydrogen\"", "is not a resource that a supply of this subsystem draws");
    }

    [Fact]
    public void An_export_factor_for_a_resource_that_no_export_feeds_is_named()
    {
        ReadAssert.OnlyError(Read(WithExport().Set("exportFactors.cost", new JsonObject { ["electricity"] = 0.05, ["gas"] = 0.01 })),
            "exportFactors.cost.gas", "\"gas\"", "is not a resource that any export feeds", "(exported: \"electricity\")");
    }

    [Fact]
    public void An_export_factor_series_of_the_wrong_length_is_named()
    {
        ReadAssert.OnlyError(Read(WithExport().Set("exportFactors.cost.electricity", DistrictJson.Array(0.05, 0.06))),
            "exportFactors.cost.electricity", "an array of 2 numbers", "exactly 96 numbers");
    }

    [Fact]
    public void An_export_id_must_be_unique_among_the_subsystems_assets()
    {
        ReadAssert.OnlyError(Read(WithExport().Set("subsystems[1].exports[0].id", "grid")),
            "subsystems[1].exports[0].id", "\"grid\"", "duplicates the id at subsystems[1].supplies[0].id");
    }

    [Fact]
    public void A_missing_max_is_named()
    {
        ReadAssert.OnlyError(Read(WithExport().Without("subsystems[1].exports[0].max")), "subsystems[1].exports[0].max", "missing");
    }

    [Fact]
    public void An_export_factor_alone_may_carry_an_alpha_and_a_factor_without_alpha_is_warned_about()
    {
        var district = WithExport();
        district["exportFactors"] = new JsonObject { ["credit"] = new JsonObject { ["electricity"] = 0.02 } };
        var result = Read(district.Set("subsystems[1].weights.factors.credit", 1.0));

        ReadAssert.Valid(result);
        Assert.Contains(result.Warnings, w => w.Path == "subsystems[0].weights.factors" && w.ToString().Contains("\"credit\"", StringComparison.Ordinal));
        var unknown = Read(WithExport().Set("subsystems[1].weights.factors.credit", 1.0));
        ReadAssert.OnlyError(unknown, "subsystems[1].weights.factors.credit", "\"credit\"", "is not a factor defined in the top-level factors or exportFactors");
    }

    [Fact]
    public void Unknown_fields_of_an_export_are_warned_about_and_ignored()
    {
        var result = Read(WithExport().Set("subsystems[1].exports[0].price", 3));

        ReadAssert.Valid(result);
        Assert.Contains(result.Warnings, w => w.Path == "subsystems[1].exports[0].price");
    }
}

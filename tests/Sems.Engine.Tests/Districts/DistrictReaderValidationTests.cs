using System.Globalization;
using System.Text.Json.Nodes;
using Sems.Engine.Districts;
using Xunit;

namespace Sems.Engine.Tests.Districts;

/// <summary>
/// One test per validation rule: each mutates one field of the valid baseline and checks that exactly one error sits
/// at the JSON path of that field, naming the value and the rule. Whether other, spurious errors appear as well is
/// covered by <see cref="DistrictReaderCollectionTests"/>.
/// </summary>
public sealed class DistrictReaderValidationTests
{
    private static DistrictReadResult Read(JsonObject district) => ReadAssert.Read(district);

    private static JsonObject Baseline() => DistrictJson.Baseline();

    private static JsonArray Steps(Func<int, double> value, int steps = DistrictJson.Steps) => DistrictJson.Array(DistrictJson.Generate(value, steps));

    [Fact]
    public void Series_of_the_wrong_length()
    {
        var result = Read(Baseline().Set("subsystems[1].demands[0].values", Steps(_ => 20, 95)));

        ReadAssert.OnlyError(result, "subsystems[1].demands[0].values", "an array of 95 numbers", "exactly 96 numbers");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(97)]
    public void Series_lengths_other_than_the_horizon_are_rejected_everywhere(int length)
    {
        var result = Read(Baseline().Set("factors.cost.electricity", Steps(_ => 0.1, length)));

        ReadAssert.OnlyError(result, "factors.cost.electricity", $"an array of {length} numbers", "is not a series");
    }

    [Fact]
    public void Series_given_as_an_object()
    {
        var result = Read(Baseline().Set("subsystems[1].resources.solar.max", new JsonObject { ["value"] = 3 }));

        ReadAssert.OnlyError(result, "subsystems[1].resources.solar.max", "an object", "is not a series");
    }

    [Fact]
    public void Series_length_follows_an_explicit_horizon()
    {
        var result = Read(Baseline().Set("horizonSteps", 95));

        ReadAssert.Reported(result, "factors.cost.electricity", "an array of 96 numbers", "exactly 95 numbers");
        ReadAssert.Reported(result, "subsystems[1].demands[0].values", "an array of 96 numbers", "exactly 95 numbers");
    }

    [Fact]
    public void Unknown_resource_in_subsystem_resources()
    {
        var result = Read(Baseline().Set("subsystems[0].resources.hydrogen", new JsonObject { ["max"] = 10 }));

        ReadAssert.Reported(result, "subsystems[0].resources.hydrogen", "\"hydrogen\"", "is not a resource that a supply of this subsystem draws");
    }

    [Fact]
    public void Subsystem_resources_may_not_name_a_resource_only_another_subsystem_draws()
    {
        var result = Read(Baseline().Set("subsystems[0].resources.solar", new JsonObject { ["max"] = 10 }));

        ReadAssert.Reported(result, "subsystems[0].resources.solar", "\"solar\"", "is not a resource that a supply of this subsystem draws");
    }

    [Fact]
    public void Unknown_resource_in_top_level_factors()
    {
        var result = Read(Baseline().Set("factors.cost.hydrogen", 0.3));

        ReadAssert.OnlyError(result, "factors.cost.hydrogen", "\"hydrogen\"", "is not a resource that any supply draws");
    }

    [Fact]
    public void Unknown_resource_in_district_limits()
    {
        var result = Read(Baseline().Set("districtLimits.hydrogen", 40));

        ReadAssert.OnlyError(result, "districtLimits.hydrogen", "\"hydrogen\"", "is not a resource that any supply draws");
    }

    [Fact]
    public void Factors_and_limits_may_name_a_resource_drawn_by_any_subsystem()
    {
        var result = Read(Baseline().Set("factors.co2.solar", 0).Set("districtLimits.gas", 300));

        ReadAssert.Valid(result);
        Assert.Equal(300, result.District!.DistrictLimits["gas"][0]);
    }

    [Fact]
    public void Negative_district_limit()
    {
        var result = Read(Baseline().Set("districtLimits.electricity", -5));

        ReadAssert.OnlyError(result, "districtLimits.electricity", "-5", "is negative");
    }

    [Fact]
    public void Store_energy_type_not_produced_by_a_supply()
    {
        var result = Read(Baseline().Set("subsystems[0].stores[0].energyType", "cooling"));

        ReadAssert.Reported(result, "subsystems[0].stores[0].energyType", "\"cooling\"", "is not an energy type that a supply of this subsystem produces");
    }

    [Fact]
    public void Series_demand_energy_type_not_produced_by_a_supply()
    {
        var result = Read(Baseline().Set("subsystems[1].demands[0].energyType", "heat"));

        ReadAssert.OnlyError(result, "subsystems[1].demands[0].energyType", "\"heat\"", "is not an energy type that a supply of this subsystem produces");
    }

    [Fact]
    public void Energy_types_are_per_subsystem()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].energyType", "heat"));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].energyType", "\"heat\"", "(produced: \"electricity\")");
    }

    [Fact]
    public void State_space_B_key_that_is_not_an_energy_type()
    {
        var b = new JsonObject { ["cooling"] = DistrictJson.Matrix([0.0004], [0.0]) };
        var result = Read(Baseline().Set("subsystems[0].demands[0].B", b));

        ReadAssert.Reported(result, "subsystems[0].demands[0].B.cooling", "\"cooling\"", "is not an energy type that a supply of this subsystem produces");
    }

    [Fact]
    public void State_space_E_key_not_in_disturbances()
    {
        var result = Read(Baseline().Set("subsystems[0].demands[0].E.windSpeed", DistrictJson.Matrix([0.01], [0.0])));

        ReadAssert.Reported(result, "subsystems[0].demands[0].E.windSpeed", "\"windSpeed\"", "is not a name in this subsystem's disturbances");
    }

    [Fact]
    public void Duplicate_subsystem_ids()
    {
        var result = Read(Baseline().Set("subsystems[1].id", "heat-network"));

        ReadAssert.OnlyError(result, "subsystems[1].id", "\"heat-network\"", "duplicates subsystems[0].id");
    }

    [Fact]
    public void Duplicate_priorities()
    {
        var result = Read(Baseline().Set("subsystems[1].priority", 2));

        ReadAssert.OnlyError(result, "subsystems[1].priority", ": 2 ", "duplicates subsystems[0].priority");
    }

    [Fact]
    public void Duplicate_asset_ids_within_a_subsystem()
    {
        var result = Read(Baseline().Set("subsystems[0].stores[0].id", "hp1"));

        ReadAssert.Reported(result, "subsystems[0].stores[0].id", "\"hp1\"", "duplicates the id at subsystems[0].supplies[0].id");
    }

    [Fact]
    public void Duplicate_asset_ids_between_a_store_and_a_demand()
    {
        var result = Read(Baseline().Set("subsystems[1].demands[0].id", "ev-fleet"));

        ReadAssert.OnlyError(result, "subsystems[1].demands[0].id", "\"ev-fleet\"", "duplicates the id at subsystems[1].stores[0].id");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Priority_below_one(int priority)
    {
        var result = Read(Baseline().Set("subsystems[1].priority", priority));

        ReadAssert.OnlyError(result, "subsystems[1].priority", $": {priority} ", "is less than 1");
    }

    [Fact]
    public void Priority_that_is_not_an_integer()
    {
        var result = Read(Baseline().Set("subsystems[1].priority", 1.5));

        ReadAssert.OnlyError(result, "subsystems[1].priority", "1.5", "is not an integer");
    }

    [Fact]
    public void Conversion_min_greater_than_max()
    {
        var result = Read(Baseline().Set("subsystems[1].supplies[1].conversions[0].min", 70));

        var problem = ReadAssert.Reported(result, "subsystems[1].supplies[1].conversions[0].min", ": 70 ", "is greater than max (50 kW)");
        Assert.DoesNotContain("at step", problem.Rule);
    }

    [Fact]
    public void Time_varying_conversion_min_greater_than_max_names_the_step()
    {
        var result = Read(Baseline()
            .Set("subsystems[1].supplies[1].conversions[0].min", 5)
            .Set("subsystems[1].supplies[1].conversions[0].max", Steps(i => i == 10 ? 2 : 50)));

        ReadAssert.Reported(result, "subsystems[1].supplies[1].conversions[0].min", ": 5 ", "is greater than max (2 kW) at step 10");
    }

    [Fact]
    public void Resource_min_greater_than_max()
    {
        var result = Read(Baseline().Set("subsystems[1].resources.electricity.min", 101));

        var problem = ReadAssert.OnlyError(result, "subsystems[1].resources.electricity.min", ": 101 ", "is greater than max (100 kW)");
        Assert.DoesNotContain("at step", problem.Rule);
    }

    [Fact]
    public void Time_varying_resource_min_greater_than_max_names_the_step()
    {
        var result = Read(Baseline().Set("subsystems[1].resources.solar.min", Steps(i => i == 40 ? 99 : 0)));

        ReadAssert.OnlyError(result, "subsystems[1].resources.solar.min", ": 99 ", $"is greater than max ({DistrictJson.SolarAvailable[40].ToString(CultureInfo.InvariantCulture)} kW) at step 40");
    }

    [Fact]
    public void Store_soc_min_greater_than_soc_max()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].socMin", 10));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].socMin", ": 10 ", "is greater than socMax (0 kWh)");
    }

    [Fact]
    public void Store_charge_min_greater_than_charge_max()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].chargeMin", 30));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].chargeMin", ": 30 ", "is greater than chargeMax (22 kW)");
    }

    [Fact]
    public void Store_discharge_min_greater_than_discharge_max()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].dischargeMin", 41));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].dischargeMin", ": 41 ", "is greater than dischargeMax (40 kW)");
    }

    [Fact]
    public void Negative_store_charge_power()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].chargeMax", -1));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].chargeMax", ": -1 ", "is negative");
    }

    [Fact]
    public void Band_lower_greater_than_upper()
    {
        var result = Read(Baseline().Set("subsystems[0].demands[0].band.lower", 80));

        ReadAssert.Reported(result, "subsystems[0].demands[0].band.lower", ": 80 ", "is greater than upper (75)");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Conversion_efficiency_not_positive(string efficiency)
    {
        var result = Read(Baseline().Set("subsystems[1].supplies[1].conversions[0].efficiency", double.Parse(efficiency, CultureInfo.InvariantCulture)));

        ReadAssert.Reported(result, "subsystems[1].supplies[1].conversions[0].efficiency", $": {efficiency} ", "is not > 0");
    }

    [Fact]
    public void Time_varying_efficiency_with_one_bad_step_is_reported_at_that_element()
    {
        var cop = DistrictJson.Array(DistrictJson.HeatPumpCop.Select((v, i) => i == 7 ? 0 : v).ToArray());
        var result = Read(Baseline().Set("subsystems[0].supplies[0].conversions[0].efficiency", cop));

        ReadAssert.Reported(result, "subsystems[0].supplies[0].conversions[0].efficiency[7]", ": 0 ", "is not > 0");
    }

    [Fact]
    public void Charge_efficiency_above_one_has_the_exact_message()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].chargeEfficiency", 1.4));

        var problem = ReadAssert.OnlyError(result, "subsystems[1].stores[0].chargeEfficiency");
        Assert.Equal("subsystems[1].stores[0].chargeEfficiency: 1.4 is not in (0, 1]", problem.ToString());
        Assert.Equal(new ValidationProblem("subsystems[1].stores[0].chargeEfficiency", "1.4", "is not in (0, 1]"), problem);
    }

    [Theory]
    [InlineData("chargeEfficiency", 0.0)]
    [InlineData("dischargeEfficiency", 0.0)]
    [InlineData("dischargeEfficiency", 1.01)]
    [InlineData("retention", 0.0)]
    [InlineData("retention", -0.5)]
    [InlineData("retention", 1.5)]
    public void Store_ratios_outside_the_unit_interval(string field, double value)
    {
        var result = Read(Baseline().Set($"subsystems[1].stores[0].{field}", value));

        ReadAssert.OnlyError(result, $"subsystems[1].stores[0].{field}", $": {value.ToString(CultureInfo.InvariantCulture)} ", "is not in (0, 1]");
    }

    [Fact]
    public void Store_ratios_of_exactly_one_are_accepted()
    {
        var result = Read(Baseline().Set("subsystems[0].stores[0].retention", 1).Set("subsystems[0].stores[0].chargeEfficiency", 1));

        ReadAssert.Valid(result);
    }

    [Theory]
    [InlineData(900)]
    [InlineData(-0.5)]
    public void Soc_initial_outside_soc_range(double socInitial)
    {
        var result = Read(Baseline().Set("subsystems[0].stores[0].socInitial", socInitial));

        ReadAssert.Reported(result, "subsystems[0].stores[0].socInitial", $": {socInitial.ToString(CultureInfo.InvariantCulture)} ", "is not in [socMin, socMax] = [0, 800]");
    }

    [Fact]
    public void Soc_initial_above_zero_for_a_negative_capacity_store()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].socInitial", 5));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].socInitial", ": 5 ", "is not in [socMin, socMax] = [-120, 0]");
    }

    [Fact]
    public void Soc_initial_on_the_bounds_is_accepted()
    {
        var result = Read(Baseline().Set("subsystems[0].stores[0].socInitial", 800).Set("subsystems[1].stores[0].socInitial", -120));

        ReadAssert.Valid(result);
    }

    [Fact]
    public void Non_square_A()
    {
        var result = Read(Baseline().Set("subsystems[0].demands[0].A", DistrictJson.Matrix([0.9, 0.05], [0.02])));

        ReadAssert.Reported(result, "subsystems[0].demands[0].A[1]", "a row of 1", "non-square", "2 × 2");
    }

    [Fact]
    public void B_with_the_wrong_number_of_rows()
    {
        var result = Read(Baseline().Set("subsystems[0].demands[0].B.heat", DistrictJson.Matrix([0.0004])));

        ReadAssert.Reported(result, "subsystems[0].demands[0].B.heat", "a 1 × 1 matrix", "is not nx × 1 = 2 × 1");
    }

    [Fact]
    public void E_with_more_than_one_column()
    {
        var result = Read(Baseline().Set("subsystems[0].demands[0].E.irradiance", DistrictJson.Matrix([0.0, 0.0], [0.001, 0.0])));

        ReadAssert.Reported(result, "subsystems[0].demands[0].E.irradiance", "a 2 × 2 matrix", "is not nx × 1 = 2 × 1");
    }

    [Fact]
    public void C_row_length_other_than_nx()
    {
        var result = Read(Baseline().Set("subsystems[0].demands[0].C", DistrictJson.Matrix([1.0, 0.0], [1.0])));

        ReadAssert.Reported(result, "subsystems[0].demands[0].C[1]", "a row of 1", "does not match nx = 2");
    }

    [Fact]
    public void X0_length_other_than_nx()
    {
        var result = Read(Baseline().Set("subsystems[0].demands[0].x0", DistrictJson.Array(65.0)));

        ReadAssert.Reported(result, "subsystems[0].demands[0].x0", "an array of 1", "does not match A: A has nx = 2 states");
    }

    [Fact]
    public void Weights_not_summing_to_one()
    {
        var result = Read(Baseline().Set("subsystems[0].weights.comfort", 0.3));

        var problem = ReadAssert.Reported(result, "subsystems[0].weights", "does not sum to 1");
        const string prefix = "energy + storage + comfort = ";
        Assert.StartsWith(prefix, problem.Value);
        Assert.Equal(0.9, double.Parse(problem.Value[prefix.Length..], CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void Weights_outside_the_unit_interval()
    {
        var result = Read(Baseline().Set("subsystems[1].weights.energy", 1.5).Set("subsystems[1].weights.comfort", -0.5));

        ReadAssert.Reported(result, "subsystems[1].weights.energy", ": 1.5 ", "is not in [0, 1]");
        ReadAssert.Reported(result, "subsystems[1].weights.comfort", ": -0.5 ", "is not in [0, 1]");
    }

    [Fact]
    public void Weights_factors_naming_an_undefined_factor()
    {
        var result = Read(Baseline().Set("subsystems[1].weights.factors.price", 1.0));

        ReadAssert.OnlyError(result, "subsystems[1].weights.factors.price", "\"price\"", "is not a factor defined in the top-level factors");
    }

    [Fact]
    public void Negative_factor_weight()
    {
        var result = Read(Baseline().Set("subsystems[1].weights.factors.cost", -1));

        ReadAssert.OnlyError(result, "subsystems[1].weights.factors.cost", ": -1 ", "is negative");
    }

    [Fact]
    public void Unknown_demand_kind()
    {
        var result = Read(Baseline().Set("subsystems[1].demands[0].kind", "table"));

        ReadAssert.OnlyError(result, "subsystems[1].demands[0].kind", "\"table\"", "is not one of \"series\", \"stateSpace\"");
    }

    [Fact]
    public void Unknown_terminal()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].terminal", "end"));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].terminal", "\"end\"", "is not one of \"none\", \"atLeastInitial\", \"returnToInitial\"");
    }

    [Fact]
    public void Terminal_names_are_case_sensitive()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].terminal", "ReturnToInitial"));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].terminal", "\"ReturnToInitial\"", "is not one of");
    }

    [Fact]
    public void Unknown_band_side()
    {
        var result = Read(Baseline().Set("subsystems[0].demands[0].band.sided", "middle"));

        ReadAssert.Reported(result, "subsystems[0].demands[0].band.sided", "\"middle\"", "is not one of \"both\", \"lower\", \"upper\"");
    }

    [Fact]
    public void String_where_a_number_is_expected()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].socMin", "-120"));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].socMin", "\"-120\"", "is not a number");
    }

    [Fact]
    public void String_inside_a_series_array()
    {
        var values = Steps(_ => 20);
        values[4] = "twenty";
        var result = Read(Baseline().Set("subsystems[1].demands[0].values", values));

        ReadAssert.OnlyError(result, "subsystems[1].demands[0].values[4]", "\"twenty\"", "is not a number");
    }

    [Fact]
    public void Boolean_where_a_number_is_expected()
    {
        var result = Read(Baseline().Set("subsystems[1].supplies[0].conversions[0].max", true));

        ReadAssert.Reported(result, "subsystems[1].supplies[0].conversions[0].max", ": true ", "is not a series");
    }

    [Fact]
    public void Number_where_a_string_is_expected()
    {
        var result = Read(Baseline().Set("subsystems[1].id", 7));

        ReadAssert.OnlyError(result, "subsystems[1].id", ": 7 ", "is not a string");
    }

    [Theory]
    [InlineData("subsystems[1].weights")]
    [InlineData("subsystems[1].priority")]
    [InlineData("subsystems[1].id")]
    [InlineData("subsystems[1].stores[0].socMax")]
    [InlineData("subsystems[1].stores[0].chargeMax")]
    [InlineData("subsystems[1].demands[0].kind")]
    [InlineData("subsystems[1].demands[0].values")]
    [InlineData("name")]
    [InlineData("subsystems")]
    public void Missing_required_field(string path)
    {
        var result = Read(Baseline().Without(path));

        var problem = ReadAssert.OnlyError(result, path, "is missing");
        Assert.Equal($"{path}: is missing", problem.ToString());
    }

    [Theory]
    [InlineData("subsystems[0].supplies[0].conversions[0].max")]
    [InlineData("subsystems[0].supplies[0].conversions[0].resource")]
    [InlineData("subsystems[1].supplies[0].conversions[0].max")]
    [InlineData("subsystems[1].supplies[0].conversions[0].efficiency")]
    [InlineData("subsystems[1].supplies")]
    [InlineData("subsystems[0].weights")]
    [InlineData("subsystems[0].demands[0].A")]
    [InlineData("subsystems[0].demands[0].B")]
    [InlineData("subsystems[0].demands[0].band")]
    [InlineData("subsystems[0].demands[0].x0")]
    public void Missing_required_field_that_invalidates_more(string path)
    {
        var result = Read(Baseline().Without(path));

        ReadAssert.Reported(result, path, "is missing");
    }

    [Fact]
    public void Json_null_for_a_required_field_is_missing()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].socMax", (JsonNode?)null));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].socMax", "is missing");
    }

    [Fact]
    public void Empty_subsystem_list()
    {
        var result = Read(Baseline().Set("subsystems", new JsonArray()).Without("factors").Without("districtLimits"));

        ReadAssert.OnlyError(result, "subsystems", "an empty array", "has no subsystem");
    }

    [Fact]
    public void Supply_without_conversions()
    {
        var result = Read(Baseline().Set("subsystems[1].supplies[1].conversions", new JsonArray()).Without("subsystems[1].resources.solar"));

        ReadAssert.OnlyError(result, "subsystems[1].supplies[1].conversions", "an empty array", "has no conversion");
    }

    [Theory]
    [InlineData("stepMinutes", 0, "is less than 1")]
    [InlineData("horizonSteps", 0, "is less than 1")]
    [InlineData("horizonSteps", 96.5, "is not an integer")]
    public void Step_and_horizon_must_be_positive_integers(string field, double value, string rule)
    {
        var result = Read(Baseline().Set(field, value));

        ReadAssert.Reported(result, field, $": {value.ToString(CultureInfo.InvariantCulture)} ", rule);
    }

    [Fact]
    public void Start_that_is_not_a_timestamp()
    {
        var result = Read(Baseline().Set("start", "next tuesday"));

        ReadAssert.OnlyError(result, "start", "\"next tuesday\"", "is not an ISO 8601 timestamp");
    }

    [Fact]
    public void Commitment_min_on_greater_than_the_conversion_max()
    {
        var result = Read(Baseline().Set("subsystems[0].supplies[1].commitment.minOn", 130));

        ReadAssert.Reported(result, "subsystems[0].supplies[1].commitment.minOn", ": 130 ", "is greater than the max of conversion gas→heat (120 kW)");
    }

    [Fact]
    public void Commitment_on_a_supply_with_time_varying_max()
    {
        var json = Baseline()
            .Set("subsystems[1].supplies[0].commitment", new JsonObject { ["minOn"] = 10 })
            .Set("subsystems[1].supplies[0].conversions[0].max", Steps(i => i == 50 ? 8 : 120));
        var result = Read(json);

        ReadAssert.Reported(result, "subsystems[1].supplies[0].commitment.minOn", ": 10 ", "(8 kW) at step 50");
    }

    [Fact]
    public void Negative_commitment_values()
    {
        var result = Read(Baseline().Set("subsystems[1].supplies[0].commitment", new JsonObject { ["minOn"] = -1, ["startCost"] = -2, ["minUpSteps"] = -1 }));

        ReadAssert.Reported(result, "subsystems[1].supplies[0].commitment.minOn", ": -1 ", "is negative");
        ReadAssert.Reported(result, "subsystems[1].supplies[0].commitment.startCost", ": -2 ", "is negative");
        ReadAssert.Reported(result, "subsystems[1].supplies[0].commitment.minUpSteps", ": -1 ", "is less than 0");
    }

    [Fact]
    public void Commitment_initial_state_is_read()
    {
        var result = Read(Baseline()
            .Set("subsystems[0].supplies[1].commitment.initiallyOn", true)
            .Set("subsystems[0].supplies[1].commitment.initialSteps", 3));

        ReadAssert.Valid(result);
        var commitment = result.District!.Subsystems[0].Supplies[1].Commitment!;
        Assert.True(commitment.InitiallyOn);
        Assert.Equal(3, commitment.InitialSteps);
    }

    [Fact]
    public void Series_demand_whose_energy_type_feeds_a_state_space_demand()
    {
        var extra = new JsonObject { ["id"] = "hot-water", ["kind"] = "series", ["energyType"] = "heat", ["values"] = 5 };
        var json = Baseline();
        DistrictJson.At(json, "subsystems[0].demands").AsArray().Add(extra);

        var result = Read(json);

        ReadAssert.Reported(result, "subsystems[0].demands[1].energyType", "\"heat\"", "is an input of state-space demand \"network\"");
    }

    [Fact]
    public void A_series_demand_before_the_state_space_demand_is_reported_as_well()
    {
        var extra = new JsonObject { ["id"] = "hot-water", ["kind"] = "series", ["energyType"] = "heat", ["values"] = 5 };
        var json = Baseline();
        DistrictJson.At(json, "subsystems[0].demands").AsArray().Insert(0, extra);

        var result = Read(json);

        ReadAssert.Reported(result, "subsystems[0].demands[0].energyType", "\"heat\"", "is an input of state-space demand \"network\"");
    }

    [Fact]
    public void Json_that_is_not_an_object()
    {
        var result = DistrictReader.Read("[1, 2]");

        Assert.Null(result.District);
        var problem = Assert.Single(result.Errors);
        Assert.Equal("$", problem.Path);
        Assert.Contains("is not an object", problem.ToString());
    }

    [Fact]
    public void Subsystem_that_is_not_an_object()
    {
        var result = Read(Baseline().Set("subsystems", new JsonArray(DistrictJson.HeatNetwork(), "ev-hub")));

        ReadAssert.Reported(result, "subsystems[1]", "\"ev-hub\"", "is not an object");
    }

    [Fact]
    public void Reading_a_null_string_throws_argument_null()
    {
        Assert.Throws<ArgumentNullException>(() => DistrictReader.Read((string)null!));
    }

    [Fact]
    public void Get_district_or_throw_names_every_error()
    {
        var result = Read(Baseline().Set("subsystems[1].stores[0].chargeEfficiency", 1.4).Set("subsystems[1].priority", 0));

        var exception = Assert.Throws<DistrictValidationException>(() => result.GetDistrictOrThrow());
        Assert.Contains("subsystems[1].stores[0].chargeEfficiency: 1.4 is not in (0, 1]", exception.Message);
        Assert.Contains("subsystems[1].priority: 0 is less than 1", exception.Message);
    }
}

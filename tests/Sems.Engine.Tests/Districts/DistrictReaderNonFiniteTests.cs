using Sems.Engine.Districts;
using Xunit;

namespace Sems.Engine.Tests.Districts;

/// <summary>Bare NaN/Infinity tokens (as Python's json writes them), overflowing numbers, strings that merely contain those words, and malformed JSON.</summary>
public sealed class DistrictReaderNonFiniteTests
{
    [Fact]
    public void NaN_literal_is_reported_at_its_path()
    {
        var text = DistrictJson.Baseline().Set("subsystems[1].stores[0].socMax", DistrictJson.Raw("NaN")).ToText();
        Assert.Contains("\"socMax\": NaN", text);

        var result = DistrictReader.Read(text);

        var problem = ReadAssert.OnlyError(result, "subsystems[1].stores[0].socMax");
        Assert.Equal("subsystems[1].stores[0].socMax: NaN is not a finite number", problem.ToString());
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("+Infinity")]
    [InlineData("-NaN")]
    public void Infinity_literals_are_reported_at_their_path(string token)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].stores[0].socMin", DistrictJson.Raw(token)));

        var problem = ReadAssert.OnlyError(result, "subsystems[1].stores[0].socMin");
        Assert.Equal($"subsystems[1].stores[0].socMin: {token} is not a finite number", problem.ToString());
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void Non_finite_literal_in_the_heat_subsystem(string token)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[0].stores[0].socMax", DistrictJson.Raw(token)));

        ReadAssert.Reported(result, "subsystems[0].stores[0].socMax", $": {token} is not a finite number");
    }

    [Fact]
    public void NaN_inside_a_series_array_is_reported_at_its_element()
    {
        var values = DistrictJson.Array(DistrictJson.BuildingLoad);
        values[3] = DistrictJson.Raw("NaN");

        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].demands[0].values", values));

        var problem = ReadAssert.OnlyError(result, "subsystems[1].demands[0].values[3]");
        Assert.Equal("subsystems[1].demands[0].values[3]: NaN is not a finite number", problem.ToString());
    }

    [Fact]
    public void Several_non_finite_elements_are_each_reported()
    {
        var values = DistrictJson.Array(DistrictJson.ElectricityCost);
        values[0] = DistrictJson.Raw("NaN");
        values[95] = DistrictJson.Raw("Infinity");

        var result = ReadAssert.Read(DistrictJson.Baseline().Set("factors.cost.electricity", values));

        ReadAssert.Reported(result, "factors.cost.electricity[0]", ": NaN is not a finite number");
        ReadAssert.Reported(result, "factors.cost.electricity[95]", ": Infinity is not a finite number");
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void NaN_inside_a_matrix_is_reported_at_its_element()
    {
        var a = DistrictJson.Matrix([0.9, 0.05], [0.02, 0.95]);
        a[0]![1] = DistrictJson.Raw("NaN");

        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[0].demands[0].A", a));

        ReadAssert.Reported(result, "subsystems[0].demands[0].A[0][1]", ": NaN is not a finite number");
    }

    [Fact]
    public void NaN_inside_x0_is_reported_at_its_element()
    {
        var x0 = DistrictJson.Array(65, 20);
        x0[1] = DistrictJson.Raw("NaN");

        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[0].demands[0].x0", x0));

        ReadAssert.Reported(result, "subsystems[0].demands[0].x0[1]", ": NaN is not a finite number");
    }

    [Fact]
    public void NaN_scalar_series_is_reported_once_not_per_step()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].supplies[1].conversions[0].efficiency", DistrictJson.Raw("NaN")));

        ReadAssert.Reported(result, "subsystems[1].supplies[1].conversions[0].efficiency", ": NaN is not a finite number");
    }

    [Theory]
    [InlineData("1e999")]
    [InlineData("-1e999")]
    [InlineData("1.5E+400")]
    public void Numbers_that_overflow_a_double_are_not_finite(string token)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].stores[0].dischargeMax", DistrictJson.Raw(token)));

        var problem = ReadAssert.OnlyError(result, "subsystems[1].stores[0].dischargeMax");
        Assert.Equal($"subsystems[1].stores[0].dischargeMax: {token} is not a finite number", problem.ToString());
    }

    [Fact]
    public void Overflowing_number_inside_a_series_array()
    {
        var values = DistrictJson.Array(DistrictJson.BuildingLoad);
        values[10] = DistrictJson.Raw("1e999");

        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].demands[0].values", values));

        ReadAssert.OnlyError(result, "subsystems[1].demands[0].values[10]", ": 1e999 is not a finite number");
    }

    [Fact]
    public void NaN_where_a_string_is_expected()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("name", DistrictJson.Raw("NaN")));

        var problem = ReadAssert.OnlyError(result, "name");
        Assert.Equal("NaN", problem.Value);
        Assert.Contains("string", problem.Rule);
    }

    [Fact]
    public void NaN_as_a_string_value_is_not_a_number()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].stores[0].socMax", "NaN"));

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].socMax", ": \"NaN\" is not a number");
    }

    [Fact]
    public void Strings_containing_NaN_and_Infinity_are_not_mangled()
    {
        var json = DistrictJson.Baseline()
            .Set("title", "NaN tower +Infinity -NaN")
            .Set("subsystems[0].id", "Infinity.pool")
            .Set("subsystems[1].id", "NaN-Infinity")
            .Set("subsystems[1].supplies[0].id", "grid-Infinity")
            .Set("subsystems[1].demands[0].id", "NaNNaN");
        Assert.Contains("NaN tower", json.ToText());

        var result = ReadAssert.Read(json);

        ReadAssert.Valid(result);
        var district = result.District!;
        Assert.Equal("NaN tower +Infinity -NaN", district.Title);
        Assert.Equal(["Infinity.pool", "NaN-Infinity"], district.Subsystems.Select(s => s.Id));
        Assert.Equal("grid-Infinity", district.Subsystems[1].Supplies[0].Id);
        Assert.Equal("NaNNaN", district.Subsystems[1].Demands[0].Id);
    }

    [Fact]
    public void Property_names_containing_NaN_are_not_mangled()
    {
        var json = DistrictJson.Baseline()
            .Set("subsystems[0].disturbances.NaN", 1)
            .Set("subsystems[0].demands[0].E.NaN", DistrictJson.Matrix([0.0], [0.0]));

        var result = ReadAssert.Read(json);

        ReadAssert.Valid(result);
        Assert.Contains("NaN", result.District!.Subsystems[0].Disturbances.Keys);
    }

    [Fact]
    public void Escaped_quotes_inside_a_string_do_not_end_it()
    {
        var json = DistrictJson.Baseline()
            .Set("title", DistrictJson.Raw("\"say \\\"NaN\\\", Infinity \\\\\""))
            .Set("subsystems[1].stores[0].socMax", DistrictJson.Raw("NaN"));

        var result = ReadAssert.Read(json);

        ReadAssert.OnlyError(result, "subsystems[1].stores[0].socMax", ": NaN is not a finite number");

        var valid = ReadAssert.Read(DistrictJson.Baseline().Set("title", DistrictJson.Raw("\"say \\\"NaN\\\", Infinity \\\\\"")));
        ReadAssert.Valid(valid);
        Assert.Equal("say \"NaN\", Infinity \\", valid.District!.Title);
    }

    [Fact]
    public void A_quote_inside_a_comment_does_not_mangle_strings_containing_NaN()
    {
        var text = DistrictJson.Baseline().Set("title", "NaN tower +Infinity -NaN").ToText();
        text = "/* pipes: DN150 = 6\" nominal */\n" + text;

        var result = DistrictReader.Read(text);

        ReadAssert.Valid(result);
        Assert.Equal("NaN tower +Infinity -NaN", result.District!.Title);
    }

    [Fact]
    public void Comments_are_accepted()
    {
        var text = "// a district\n" + DistrictJson.Baseline().ToText().Replace("\"name\":", "/* display name */ \"name\":", StringComparison.Ordinal);

        ReadAssert.Valid(DistrictReader.Read(text));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"name\": }")]
    [InlineData("{\"name\": \"x\"} extra")]
    [InlineData("not json")]
    [InlineData("{'name': 'x'}")]
    [InlineData("{\"name\": \"unterminated}")]
    public void Malformed_json_is_one_error_at_the_root_with_its_position(string text)
    {
        var result = DistrictReader.Read(text);

        Assert.Null(result.District);
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Errors);
        Assert.Equal("$", problem.Path);
        Assert.Matches(@"^line \d+, byte \d+$", problem.Value);
        Assert.Contains("is not valid JSON", problem.Rule);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var text = DistrictJson.Baseline().ToText();
        var lines = text.Split('\n');
        var broken = Array.FindIndex(lines, l => l.Contains("\"stores\"", StringComparison.Ordinal));
        lines[broken] = lines[broken].Replace("\"stores\":", "\"stores\"", StringComparison.Ordinal);

        var result = DistrictReader.Read(string.Join('\n', lines));

        var problem = Assert.Single(result.Errors);
        Assert.Equal("$", problem.Path);
        Assert.StartsWith($"line {broken + 1}, byte ", problem.Value);
    }

    [Fact]
    public void Malformed_json_position_is_not_shifted_by_an_earlier_NaN_on_the_same_line()
    {
        var withNumber = DistrictReader.Read("{\"name\": \"x\", \"horizonSteps\": 123, \"stepMinutes\": }");
        var withNaN = DistrictReader.Read("{\"name\": \"x\", \"horizonSteps\": NaN, \"stepMinutes\": }");

        Assert.Equal(Assert.Single(withNumber.Errors).Value, Assert.Single(withNaN.Errors).Value);
    }
}

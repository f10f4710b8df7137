using System.Text;
using Sems.Engine.Districts;
using Sems.Engine.Json;
using Xunit;

namespace Sems.Engine.Tests.Districts;

/// <summary>One strict JSON policy for every file: each test is a defect a probe of the reader found, named after it.</summary>
public sealed class StrictJsonTests
{
    private static string Baseline() => DistrictJson.Baseline().ToText();

    private static string Replace(string text, string what, string with)
    {
        Assert.Contains(what, text);
        return text.Replace(what, with, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is empty: a JSON document is needed")]
    [InlineData(" \r\n\t ", "holds only white space: a JSON document is needed")]
    public void An_empty_or_blank_file_is_said_to_be_so_not_in_the_parser_s_words(string text, string rule)
    {
        var result = StrictJson.Parse(Encoding.UTF8.GetBytes(text));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("$", "the file", rule), (problem.Path, problem.Value, problem.Rule));
    }

    [Fact]
    public void A_duplicate_key_is_refused_instead_of_taking_the_last()
    {
        // "max": 30, "max": 5 used to plan with 5 kW.
        var text = Replace(Baseline(), "\"priority\": 2,", "\"priority\": 2, \"priority\": 7,");

        var result = DistrictReader.Read(text);

        ReadAssert.OnlyError(result, "subsystems[0].priority", "7", "repeats a key given earlier in the same object");
    }

    [Fact]
    public void A_key_duplicated_through_an_escape_is_refused()
    {
        var text = Replace(Baseline(), "\"priority\": 2,", "\"priority\": 2, \"priorit\\u0079\": 7,");

        ReadAssert.OnlyError(DistrictReader.Read(text), "subsystems[0].priority", "repeats a key");
    }

    [Fact]
    public void An_id_made_duplicate_by_an_escape_is_reported_as_a_duplicate()
    {
        var text = Replace(Baseline(), "\"id\": \"ev-hub\"", "\"id\": \"heat-networ\\u006b\"");

        ReadAssert.OnlyError(DistrictReader.Read(text), "subsystems[1].id", "\"heat-network\"", "duplicates subsystems[0].id");
    }

    [Theory]
    [InlineData("\"title\": \"Riverside district\"", "\"title\": \"River\\ud800side\"", "title")]
    [InlineData("\"id\": \"ev-hub\"", "\"id\": \"ev\\udc00hub\"", "subsystems[1].id")]
    public void A_lone_surrogate_in_a_string_is_refused(string what, string with, string path)
    {
        var result = DistrictReader.Read(Replace(Baseline(), what, with));

        ReadAssert.OnlyError(result, path, "lone surrogate");
    }

    [Fact]
    public void A_lone_surrogate_in_a_key_is_refused()
    {
        var result = DistrictReader.Read(Replace(Baseline(), "\"priority\": 2,", "\"priority\": 2, \"x\\ud800\": 1,"));

        ReadAssert.OnlyError(result, "subsystems[0]", "lone surrogate", "keys must be valid Unicode");
    }

    [Fact]
    public void A_lone_surrogate_in_a_dotnet_string_is_refused_at_its_line()
    {
        var text = Baseline().Replace("Riverside", "River\ud800side", StringComparison.Ordinal);

        var problem = ReadAssert.OnlyError(DistrictReader.Read(text), "$", "lone surrogate U+D800");
        Assert.StartsWith("line 3,", problem.Value); // the title, on the line after "{" and the name
    }

    [Fact]
    public void Invalid_utf8_is_refused_naming_the_byte_that_is_in_the_file()
    {
        var bytes = Encoding.UTF8.GetBytes(Replace(Baseline(), "\"ev-hub\"", "\"ev-XYhub\""));
        var at = Encoding.UTF8.GetString(bytes).IndexOf("XY", StringComparison.Ordinal);
        bytes[at] = 0xC3;      // a lead byte ...
        bytes[at + 1] = 0x28;  // ... followed by '(' instead of a continuation byte

        var problem = ReadAssert.OnlyError(DistrictReader.Read(bytes), "$", "is not valid UTF-8", "byte 0xC3", $"file offset {at}");

        var lineStart = Array.LastIndexOf(bytes, (byte)'\n', at) + 1;
        Assert.Equal($"line {bytes.AsSpan(0, at).Count((byte)'\n') + 1}, byte {at - lineStart + 1}", problem.Value);
    }

    [Fact]
    public void Utf16_gets_a_hint_to_save_as_utf8()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Baseline())).ToArray();
        var noBom = Encoding.Unicode.GetBytes(Baseline());

        ReadAssert.OnlyError(DistrictReader.Read(utf16), "$", "is UTF-16", "save it as UTF-8");
        ReadAssert.OnlyError(DistrictReader.Read(noBom), "$", "UTF-16", "save it as UTF-8");
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Baseline())).ToArray();

        ReadAssert.Valid(DistrictReader.Read(bytes));
    }

    [Theory]
    [InlineData("../../../outside")]
    [InlineData("/abs/outside")]
    [InlineData("a\u0000b")]
    [InlineData("with space")]
    [InlineData(".hidden")]
    [InlineData("ü-umlaut")]
    public void Ids_outside_the_safe_character_set_are_refused(string id)
    {
        var json = DistrictJson.Baseline().Set("subsystems[1].id", id);

        ReadAssert.OnlyError(ReadAssert.Read(json), "subsystems[1].id", "is not an id", "1–64 ASCII letters");
    }

    [Fact]
    public void An_id_of_65_characters_is_refused_and_64_accepted()
    {
        ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].supplies[0].id", new string('a', 65))), "subsystems[1].supplies[0].id", "is not an id");
        ReadAssert.Valid(ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].supplies[0].id", new string('a', 64))));
    }

    [Fact]
    public void A_control_character_in_an_id_is_quoted_escaped()
    {
        var problem = ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].id", "a\u0000b")), "subsystems[1].id");

        Assert.Equal("\"a\\u0000b\"", problem.Value);
    }

    [Theory]
    [InlineData("horizonSteps", 200000000, "is greater than 2880")]
    [InlineData("horizonSteps", 2147483647, "is greater than 2880")]
    [InlineData("stepMinutes", 1000000000, "is greater than 1440")]
    [InlineData("stepMinutes", 7, "does not divide a day")]
    public void Step_and_horizon_have_upper_bounds(string field, long value, string rule)
    {
        ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set(field, value)), field, value.ToString(System.Globalization.CultureInfo.InvariantCulture), rule);
    }

    [Fact]
    public void A_horizon_longer_than_31_days_is_refused()
    {
        var json = DistrictJson.Baseline().Set("stepMinutes", 1440).Set("horizonSteps", 32);

        ReadAssert.OnlyError(ReadAssert.Read(json), "horizonSteps", "32", "spans more than 31 days");
    }

    [Theory]
    [InlineData("9999-12-31T23:45:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void A_start_whose_times_cannot_be_represented_is_refused(string start)
    {
        ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set("start", start)), "start", "is not between 1900-01-01 and 2200-01-01");
    }

    [Theory]
    [InlineData("subsystems[0].supplies[0].conversions[0].efficiency", 1e300, "beyond ±100")]
    [InlineData("subsystems[0].supplies[0].conversions[0].max", 1e308, "beyond ±1e7 kW")]
    [InlineData("subsystems[1].stores[0].socMin", -1e12, "beyond ±1e8 kWh")]
    [InlineData("districtLimits.electricity", 1e8, "beyond ±1e7 kW")]
    [InlineData("subsystems[0].demands[0].slackWeight", 1e7, "beyond ±1e6")]
    [InlineData("subsystems[0].demands[0].band.lower", -1e10, "beyond ±1e9")]
    public void Absurd_magnitudes_are_refused_at_their_field(string path, double value, string rule)
    {
        ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set(path, value)), path, rule);
    }

    [Fact]
    public void Nesting_deeper_than_64_is_refused_without_a_crash()
    {
        var text = Replace(Baseline(), "\"priority\": 2,", $"\"priority\": 2, \"deep\": {new string('[', 100)}{new string(']', 100)},");

        var problem = ReadAssert.OnlyError(DistrictReader.Read(text), "$", "is not valid JSON");
        Assert.Contains("depth", problem.Rule, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("tru")]
    [InlineData("\"unterminated")]
    public void A_bad_token_on_a_5_MB_line_gives_a_short_message(string token)
    {
        // One line of 5 MB: before, the message quoted the rest of the file.
        var text = "{\"name\": \"x\", \"subsystems\": [" + token + string.Concat(Enumerable.Repeat(", 1.25", 850_000)) + "]}";
        Assert.True(text.Length > 5_000_000);

        var result = DistrictReader.Read(text);

        var problem = Assert.Single(result.Errors);
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("line 1, byte ", problem.Value);
        Assert.True(problem.ToString().Length < 400, problem.ToString());
    }

    [Fact]
    public async Task Fifty_thousand_NaN_tokens_on_one_line_are_each_reported_at_their_path_in_one_linear_pass()
    {
        // What Python's json.dump writes: a 200 KB single line. The old pre-pass was quadratic (24 s for such a file).
        var nan = "[" + string.Join(", ", Enumerable.Repeat("NaN", 2000)) + "]";
        var text = "{\"name\": \"x\", \"horizonSteps\": 2000, \"factors\": {\"cost\": {" + string.Join(", ", Enumerable.Range(0, 25).Select(k => $"\"r{k}\": " + nan)) + "}}, \"subsystems\": []}";
        Assert.DoesNotContain('\n', text);
        Assert.True(text.Length > 120_000);

        var result = await Task.Run(() => DistrictReader.Read(text)).WaitAsync(TimeSpan.FromSeconds(60)); // a hang guard, not a timing assert

        var nanErrors = result.Errors.Where(p => p.Rule == "is not a finite number").ToList();
        Assert.Equal(25 * 2000, nanErrors.Count);
        Assert.Contains(nanErrors, p => p.Path == "factors.cost.r24[1999]" && p.Value == "NaN");
    }

    [Fact]
    public async Task A_5_MB_single_line_file_parses()
    {
        var values = string.Join(", ", Enumerable.Repeat("0.123456789", 96));
        var hub = DistrictJson.EvHub().ToJsonString();
        var subsystems = string.Join(", ", Enumerable.Range(0, 3600).Select(k => hub.Replace("\"ev-hub\"", $"\"hub-{k}\"", StringComparison.Ordinal)));
        var text = "{\"name\": \"big\", \"factors\": {\"cost\": {\"electricity\": [" + values + "]}}, \"subsystems\": [" + subsystems + "]}";
        Assert.DoesNotContain('\n', text);
        Assert.True(text.Length > 5_000_000, $"{text.Length} characters");

        using var result = await Task.Run(() => StrictJson.Parse(Encoding.UTF8.GetBytes(text))).WaitAsync(TimeSpan.FromSeconds(60)); // a hang guard

        Assert.Empty(result.Problems);
        Assert.Equal(3600, result.Document!.RootElement.GetProperty("subsystems").GetArrayLength());
    }

    [Fact]
    public void Currency_and_output_units_are_read()
    {
        var json = DistrictJson.Baseline().Set("currency", "GBP").Set("subsystems[0].demands[0].unit", "°C");

        var district = ReadAssert.Read(json).District!;

        Assert.Equal("GBP", district.Currency);
        var demand = district.Subsystems[0].Demands.OfType<Sems.Engine.Model.StateSpaceDemand>().Single();
        Assert.Equal(Enumerable.Repeat("°C", demand.OutputCount), demand.OutputUnits!);
    }

    [Theory]
    [InlineData("gbp")]
    [InlineData("POUNDS")]
    public void A_currency_that_is_not_an_iso_code_is_refused(string currency)
    {
        ReadAssert.OnlyError(ReadAssert.Read(DistrictJson.Baseline().Set("currency", currency)), "currency", "ISO 4217");
    }
}

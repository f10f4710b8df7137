using Sems.Engine.Limits;
using static Sems.Engine.Tests.Limits.LimitFixtures;

namespace Sems.Engine.Tests.Limits;

/// <summary>Every validation rule, one test each, with the exact field path; now is 00:00, steps are 15 min.</summary>
public sealed class LimitRulesTests
{
    private static readonly LimitContext Context = new("district", 15, 96, new HashSet<string>(StringComparer.Ordinal) { "electricity" }, At(0));

    private static readonly LimitRequest Valid = new("", "electricity", At(0), TimeSpan.FromMinutes(30), [100, 80], [20, 20], 50, "maintenance on feeder 3");

    private static FieldViolation Only(LimitRequest request, LimitContext? context = null) =>
        Assert.Single(LimitRules.Validate(request, context ?? Context));

    [Fact]
    public void A_valid_request_has_no_violations()
    {
        Assert.Empty(LimitRules.Validate(Valid, Context));
        Assert.Empty(LimitRules.Validate(Valid with { Node = "district", ExportMaxKw = null, FallbackImportMaxKw = null, Reason = "" }, Context));
    }

    [Fact]
    public void Node_must_be_the_district_root()
    {
        var v = Only(Valid with { Node = "feeder-7" });
        Assert.Equal("node", v.Field);
        Assert.StartsWith("\"feeder-7\" is not a connection point of district \"district\"", v.Description);
    }

    [Fact]
    public void Resource_must_be_one_the_district_limits()
    {
        var v = Only(Valid with { Resource = "gas" });
        Assert.Equal("resource", v.Field);
        Assert.Contains("\"gas\"", v.Description);
        Assert.Contains("known: \"electricity\"", v.Description);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(1440)]
    public void Resolution_of_whole_steps_is_accepted(int minutes)
    {
        Assert.Empty(LimitRules.Validate(Valid with { Resolution = TimeSpan.FromMinutes(minutes) }, Context));
    }

    [Theory]
    [InlineData(20.0, "20 min is not a whole number of the district's 15-minute steps")]
    [InlineData(7.5, "7.5 min is not a whole number of the district's 15-minute steps")]
    [InlineData(0.0, "0 min is not a positive duration")]
    [InlineData(-15.0, "-15 min is not a positive duration")]
    [InlineData(44655.0, "44655 min is longer than 44640 min (31 days)")]
    public void Resolution_must_be_positive_and_a_whole_number_of_steps(double minutes, string description)
    {
        var v = Only(Valid with { Resolution = TimeSpan.FromMinutes(minutes) });
        Assert.Equal("resolution", v.Field);
        Assert.StartsWith(description, v.Description);
    }

    [Fact]
    public void Import_max_kw_needs_one_to_ten_thousand_values()
    {
        Assert.Equal("import_max_kw", Only(Valid with { ImportMaxKw = [], ExportMaxKw = null }).Field);
        var tooMany = Only(Valid with { ImportMaxKw = new double[10_001], ExportMaxKw = null });
        Assert.Equal(("import_max_kw", "has 10,001 values; at most 10,000 intervals are accepted"), (tooMany.Field, tooMany.Description));
        Assert.Empty(LimitRules.Validate(Valid with { ImportMaxKw = new double[10_000], ExportMaxKw = null }, Context));
    }

    [Fact]
    public void Import_max_kw_values_must_be_finite_and_within_0_to_1e7()
    {
        var violations = LimitRules.Validate(Valid with { ImportMaxKw = [0, double.NaN, -1.5, 1e7, 10_000_001, double.PositiveInfinity], ExportMaxKw = null }, Context);

        Assert.Equal(
            [
                new FieldViolation("import_max_kw[1]", "NaN is not a finite number of kW"),
                new FieldViolation("import_max_kw[2]", "-1.5 kW is not in [0, 1e7] kW"),
                new FieldViolation("import_max_kw[4]", "10000001 kW is not in [0, 1e7] kW"),
                new FieldViolation("import_max_kw[5]", "Infinity is not a finite number of kW"),
            ],
            violations);
    }

    [Fact]
    public void Export_max_kw_must_match_the_import_length()
    {
        var v = Only(Valid with { ExportMaxKw = [20, 20, 20] });
        Assert.Equal(("export_max_kw", "has 3 values but import_max_kw has 2: give one export limit per interval, or none"), (v.Field, v.Description));
        Assert.Empty(LimitRules.Validate(Valid with { ExportMaxKw = [] }, Context));
    }

    [Fact]
    public void Export_max_kw_values_must_be_finite_and_within_0_to_1e7()
    {
        var violations = LimitRules.Validate(Valid with { ExportMaxKw = [-0.25, double.NegativeInfinity] }, Context);

        Assert.Equal(
            [new FieldViolation("export_max_kw[0]", "-0.25 kW is not in [0, 1e7] kW"), new FieldViolation("export_max_kw[1]", "-Infinity is not a finite number of kW")],
            violations);
    }

    [Theory]
    [InlineData(0, 7, 15)]
    [InlineData(0, 15, 30)]
    public void Start_must_lie_on_the_step_grid(int hour, int minute, int stepMinutes)
    {
        var request = Valid with { Start = At(hour, minute).AddDays(1), Resolution = TimeSpan.FromMinutes(2 * stepMinutes) };
        var v = Only(request, Context with { StepMinutes = stepMinutes });
        Assert.Equal("start", v.Field);
        Assert.Equal($"2025-03-02T00:{minute:00}:00Z is not on the district's {stepMinutes}-minute step grid (a whole number of steps from midnight UTC)", v.Description);
    }

    [Fact]
    public void Start_on_the_grid_in_another_offset_is_accepted()
    {
        // 01:15 at +01:00 is 00:15 UTC, on the 15-minute grid.
        Assert.Empty(LimitRules.Validate(Valid with { Start = new DateTimeOffset(2025, 3, 1, 1, 15, 0, TimeSpan.FromHours(1)) }, Context));
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2200)]
    public void Start_must_be_in_the_years_1900_to_2199(int year)
    {
        var v = Only(Valid with { Start = new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero) }, Context with { Now = new DateTimeOffset(1800, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal(("start", $"{year}-06-01T00:00:00Z is not in the years 1900 to 2199"), (v.Field, v.Description));
    }

    [Fact]
    public void The_profile_must_not_end_in_the_past()
    {
        // From 23:00 the day before, 2 × 30 min: ends at 00:00, which is now; one step earlier it ended before now.
        var endsNow = Only(Valid with { Start = At(-1) });
        Assert.Equal("start", endsNow.Field);
        Assert.Equal("2025-02-28T23:00:00Z: the profile ends at 2025-03-01T00:00:00Z which is now (2025-03-01T00:00:00Z); a profile must end after now", endsNow.Description);

        var ended = Only(Valid with { Start = At(-1, -15) });
        Assert.Equal("2025-02-28T22:45:00Z: the profile ends at 2025-02-28T23:45:00Z which is before now (2025-03-01T00:00:00Z); a profile must end after now", ended.Description);

        // Started in the past but ends after now: accepted.
        Assert.Empty(LimitRules.Validate(Valid with { Start = At(-1, 15) }, Context));
    }

    [Theory]
    [InlineData(-1.0, "-1 kW is not in [0, 1e7] kW")]
    [InlineData(1e8, "100000000 kW is not in [0, 1e7] kW")]
    [InlineData(double.NaN, "NaN is not a finite number of kW")]
    public void Fallback_import_max_kw_must_be_finite_and_within_0_to_1e7(double kw, string description)
    {
        var v = Only(Valid with { FallbackImportMaxKw = kw });
        Assert.Equal(("fallback_import_max_kw", description), (v.Field, v.Description));
    }

    [Fact]
    public void Reason_is_at_most_500_characters()
    {
        Assert.Empty(LimitRules.Validate(Valid with { Reason = new string('r', 500) }, Context));
        var v = Only(Valid with { Reason = new string('r', 501) });
        Assert.Equal("reason", v.Field);
        Assert.EndsWith("has 501 characters; at most 500 are accepted", v.Description);
        // The value is quoted cut at 120 characters: a quote, 120 r's, the ellipsis, a quote.
        Assert.StartsWith("\"" + new string('r', 120) + "…\" has", v.Description);
    }

    [Fact]
    public void Reason_has_no_control_characters()
    {
        var v = Only(Valid with { Reason = "line one\nline two" });
        Assert.Equal(("reason", "\"line one\\u000aline two\" holds the control character U+000A at character 9; a reason is one line of text without control characters"), (v.Field, v.Description));
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var request = new LimitRequest("feeder-7", "gas", At(0, 5), TimeSpan.FromMinutes(20), [-1, 5], [1], -3, "a\tb");

        var fields = LimitRules.Validate(request, Context).Select(v => v.Field);

        Assert.Equal(["node", "resource", "resolution", "import_max_kw[0]", "export_max_kw", "start", "fallback_import_max_kw", "reason"], fields);
    }

    [Fact]
    public void A_long_node_is_quoted_cut_at_120_characters()
    {
        var v = Only(Valid with { Node = new string('n', 5000) });
        Assert.StartsWith("\"" + new string('n', 120) + "…\" is not", v.Description);
        Assert.True(v.Description.Length < 400, $"{v.Description.Length} characters");
    }

    [Fact]
    public void Normalise_writes_the_root_node_as_the_district_name()
    {
        Assert.Equal("district", LimitRules.Normalise(Valid, Context).Node);
        Assert.Equal("district", LimitRules.Normalise(Valid with { Node = "district" }, Context).Node);
    }
}

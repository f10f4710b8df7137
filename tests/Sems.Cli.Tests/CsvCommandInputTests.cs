using System.Globalization;
using System.Text;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems forecast-eval</c> and <c>sems identify</c> refuse bad options, unreadable or non-UTF-8 files and unstable
/// fits with a clear message and the documented exit code (1 unstable, 2 invalid input, 3 unreadable file).
/// </summary>
public sealed class CsvCommandInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Hourly "time,temp,heat,ground" for <paramref name="days"/> days: temp[i+1] = a·temp[i] + 0.002·heat[i] + 0.05·ground,
    /// ground = 10, heat seeded uniform on 0–600 kW.
    /// </summary>
    private string WriteCsv(int days, double a = 0.95, string name = "data.csv")
    {
        var random = new Random(5);
        var text = new StringBuilder("time,temp,heat,ground\n");
        var x = 60.0;
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 24 * days; i++)
        {
            var heat = 600 * random.NextDouble();
            text.Append(CultureInfo.InvariantCulture, $"{start.AddHours(i):yyyy-MM-ddTHH:mm:ssZ},{x:R},{heat:R},10\n");
            x = a * x + 0.002 * heat + 0.05 * 10;
        }

        var path = _dir.File(name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static CliRun Identify(string path, params string[] more) =>
        CliRun.Invoke(["identify", "--csv", path, "--time", "time", "--state", "temp", "--input", "heat=heat", "--disturbance", "ground=ground", .. more]);

    private static CliRun ForecastEval(string path, params string[] more) =>
        CliRun.Invoke(["forecast-eval", "--csv", path, "--time", "time", "--target", "heat", .. more]);

    [Fact]
    public void Test_days_beyond_the_file_are_refused_naming_the_most_it_allows()
    {
        // 30 days, of which 21 must train; the validation block defaults to as many days as the test block:
        // at most (30 − 21) / 2 = 4 test days.
        var run = ForecastEval(WriteCsv(30), "--test-days", "2147483647");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--test-days: 2147483647 is more than data.csv allows: it holds 30 days", run.Stderr);
        Assert.Contains("here at most 4", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Test_days_beyond_what_the_given_validation_days_leave_are_refused()
    {
        // 30 days − 21 training − 3 validation = at most 6 test days.
        var run = ForecastEval(WriteCsv(30), "--validation-days", "3", "--test-days", "7");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--validation-days takes 3 (here at most 6)", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData("--test-days", "0", "is out of range")]
    [InlineData("--test-days", "-3", "is out of range")]
    [InlineData("--test-days", "99999999999", "is out of range")]
    [InlineData("--test-days", "ten", "is not a whole number")]
    [InlineData("--validation-days", "0", "is out of range")]
    [InlineData("--seed", "-1", "is out of range")]
    [InlineData("--seed", "1.5", "is not a whole number")]
    public void Forecast_eval_numeric_options_out_of_their_range_are_refused(string option, string value, string reason)
    {
        var run = ForecastEval(_dir.File("never-read.csv"), option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option}: ", run.Stderr);
        Assert.Contains(reason, run.Stderr);
    }

    [Theory]
    [InlineData("NaN,75", "not two finite numbers")]
    [InlineData("60,Infinity", "not two finite numbers")]
    [InlineData("75,60", "is reversed")]
    [InlineData("60", "is not two numbers")]
    [InlineData("60,70,80", "is not two numbers")]
    public void Identify_band_must_be_two_finite_ordered_numbers(string band, string reason)
    {
        var run = Identify(_dir.File("never-read.csv"), "--band", band);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--band: ", run.Stderr);
        Assert.Contains(reason, run.Stderr);
    }

    [Fact]
    public void A_missing_file_exits_3_for_both_commands()
    {
        var missing = _dir.File("missing.csv");
        var identify = Identify(missing);
        var forecast = ForecastEval(missing);
        Assert.Equal(3, identify.ExitCode);
        Assert.Equal(3, forecast.ExitCode);
        Assert.Contains("cannot read data file", identify.Stderr);
        Assert.Contains("cannot read data file", forecast.Stderr);
    }

    [Fact]
    public void Invalid_utf8_exits_2_naming_line_and_byte_offset()
    {
        var path = WriteCsv(30);
        var bytes = File.ReadAllBytes(path);
        // Line 1 is "time,temp,heat,ground\n" (22 bytes); corrupt the first byte of line 2.
        bytes[22] = 0xC3;
        bytes[23] = 0x28;
        File.WriteAllBytes(path, bytes);
        var run = Identify(path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2: byte 0xC3 at byte offset 22 of the file", run.Stderr);
        Assert.DoesNotContain("\uFFFD", run.Stderr);
    }

    [Fact]
    public void A_utf16_file_exits_2_with_the_hint_to_save_it_as_utf8()
    {
        var path = WriteCsv(30);
        File.WriteAllText(path, File.ReadAllText(path), Encoding.Unicode);
        var run = ForecastEval(path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the file is UTF-16", run.Stderr);
        Assert.Contains("save it as UTF-8", run.Stderr);
    }

    [Fact]
    public void A_header_with_a_repeated_column_exits_2_naming_both_positions()
    {
        var path = WriteCsv(30);
        File.WriteAllText(path, "time,temp,heat,TEMP" + File.ReadAllText(path)["time,temp,heat,ground".Length..]);
        var run = ForecastEval(path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("column 'temp' more than once, at positions 2 and 4", run.Stderr);
    }

    [Fact]
    public void A_diverging_state_is_reported_as_an_unstable_model_with_exit_1_and_no_demand_block()
    {
        // Generated with A = 1.02: the state grows about 1.02^720 ≈ 1.5e6-fold, and the fit recovers |A| ≥ 1.
        var run = Identify(WriteCsv(30, a: 1.02));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the fitted model is unstable: A = 1.02", run.Stderr);
        Assert.DoesNotContain("{", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rmse_is_printed_in_the_given_unit_or_the_state_columns_units()
    {
        var path = WriteCsv(30);
        var withUnit = Identify(path, "--unit", "°C");
        var without = Identify(path);
        Assert.Equal(0, withUnit.ExitCode);
        Assert.Matches(@"RMSE \d+(\.\d+)? °C", withUnit.Stdout);
        Assert.Matches(@"RMSE \d+(\.\d+)? \(units of column temp\)", without.Stdout);
        Assert.DoesNotContain("state units", withUnit.Stdout + without.Stdout, StringComparison.Ordinal);
    }
}

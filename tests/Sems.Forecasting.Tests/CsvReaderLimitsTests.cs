using System.Globalization;
using System.Text;

namespace Sems.Forecasting.Tests;

/// <summary>Regression tests: times, grids, headers and cell text that used to crash the reader or pass unnoticed.</summary>
public sealed class CsvReaderLimitsTests
{
    private static readonly DateTime Start = new(2022, 3, 1, 0, 0, 0);

    /// <summary>Header "time,value", then 22 days of hourly samples (sample i on line i + 2), then <paramref name="extra"/> lines.</summary>
    private static string Csv(params string[] extra)
    {
        var text = new StringBuilder("time,value\n");
        for (var i = 0; i < 22 * 24; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Start.AddHours(i):yyyy-MM-dd HH:mm:ss},{10 + i % 24}\n");
        }

        foreach (var line in extra) text.Append(line).Append('\n');
        return text.ToString();
    }

    private static string SingleProblem(string csv)
    {
        var result = CsvSeriesReader.Read(csv, "time", "value", []);
        Assert.Null(result.Data);
        return Assert.Single(result.Problems);
    }

    [Theory]
    [InlineData("9999-12-31T23:45Z")]
    [InlineData("9999-12-31 23:45:00")]
    [InlineData("2200-01-01T00:00Z")]
    public void A_time_at_the_end_of_the_calendar_is_refused_with_its_line_column_and_value(string time)
    {
        // 22 × 24 data lines occupy lines 2–529, so the extra line is line 530.
        var problem = SingleProblem(Csv($"{time},5"));
        Assert.StartsWith("line 530, column 'time':", problem, StringComparison.Ordinal);
        Assert.Contains($"'{time}'", problem, StringComparison.Ordinal);
        Assert.Contains("outside the accepted range", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_at_the_start_of_the_calendar_is_refused_with_its_line_column_and_value()
    {
        var problem = SingleProblem("time,value\n0001-01-01T00:00:00Z,1\n" + Csv()["time,value\n".Length..]);
        Assert.StartsWith("line 2, column 'time': the time '0001-01-01T00:00:00Z'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_that_makes_the_grid_too_large_is_refused_naming_the_line_after_it()
    {
        // Hourly from 2022-03-01 to 2199-06-01: by hand, the hours between the two instants plus one sample.
        var last = new DateTime(2199, 6, 1, 0, 0, 0);
        var samples = (long)(last - Start).TotalHours + 1;
        Assert.True(samples > CsvSeriesReader.MaxSamples);
        var problem = SingleProblem(Csv("2199-06-01 00:00:00,5"));
        Assert.StartsWith("line 530, column 'time': '2199-06-01 00:00:00' lies", problem, StringComparison.Ordinal);
        Assert.Contains($"would hold {samples} samples, more than {CsvSeriesReader.MaxSamples}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sub_minute_step_is_refused_before_any_grid_is_built()
    {
        // 3 weeks of 1-second samples would be 1,814,400 grid steps; the step itself is refused, at the first pair of lines 1 s apart.
        var text = new StringBuilder("time,value\n");
        for (var i = 0; i < 50; i++) text.Append(CultureInfo.InvariantCulture, $"{Start.AddSeconds(i):yyyy-MM-ddTHH:mm:ss}Z,{i}\n");
        var problem = SingleProblem(text.ToString());
        Assert.StartsWith("line 3, column 'time': '2022-03-01T00:00:01Z' is 1 s after line 2", problem, StringComparison.Ordinal);
        Assert.Contains("whole number of minutes", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_naming_a_column_twice_is_refused_with_both_positions()
    {
        var csv = Csv().Replace("time,value\n", "time,Value,other,value \n", StringComparison.Ordinal);
        var result = CsvSeriesReader.Read(csv, "time", "value", []);
        Assert.Null(result.Data);
        Assert.Contains("line 1: the header names column 'Value' more than once, at positions 2 and 4 (counting from 1); rename or drop one.", result.Problems);
    }

    [Fact]
    public void A_long_bad_cell_is_quoted_at_most_200_characters_then_an_ellipsis()
    {
        var cell = new string('x', 5000);
        var problem = SingleProblem(Csv($"2022-03-23 00:00:00,{cell}"));
        Assert.Contains("'" + new string('x', 200) + "…'", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 201), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_naming_the_line_and_byte_offset()
    {
        // "time,value\n" is 11 bytes, "2022-03-01 00:00:00,1\n" 22 more; the bad byte is the 3rd of line 3, offset 35.
        var bytes = Encoding.UTF8.GetBytes("time,value\n2022-03-01 00:00:00,1\n20").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("22-03-01 01:00:00,2\n")).ToArray();
        Assert.Null(Utf8CsvText.Decode(bytes, out var problem));
        Assert.Equal("line 3: byte 0xFF at byte offset 35 of the file (counting from 0; byte 3 of the line) is not valid UTF-8; save the file as UTF-8", problem);
    }

    [Fact]
    public void A_utf16_file_gets_the_hint_to_save_it_as_utf8()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("time,value\n")).ToArray();
        Assert.Null(Utf8CsvText.Decode(bytes, out var problem));
        Assert.Contains("the file is UTF-16", problem, StringComparison.Ordinal);
        Assert.Contains("save it as UTF-8", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_utf8_with_a_byte_order_mark_decodes_without_it()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("time,temp °C\n")).ToArray();
        Assert.Equal("time,temp °C\n", Utf8CsvText.Decode(bytes, out var problem));
        Assert.Null(problem);
    }
}
